package org.tengen.infrastructure;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.LogQueryWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.SingleValueWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * Alarms to one SNS topic (function errors and throttles, 5xx answers, a high share of rejected
 * uploads, failed training runs) and a dashboard of what KataGo's status pages show: games per
 * hour, positions, accepted and rejected uploads, the networks released and their Elo. The upload
 * and network figures are the functions' Embedded Metric Format lines (namespace Tengen).
 */
public final class ObservabilityStack extends Stack {

  private final Topic alarms;

  public ObservabilityStack(
      Construct scope,
      String id,
      StackProps props,
      DeploymentConfig config,
      FunctionsStack functions,
      ComputeStack compute) {
    super(scope, id, props);
    alarms =
        Topic.Builder.create(this, "Alarms")
            .topicName(config.prefix() + "-alarms")
            .displayName("Tengen " + config.environment() + " alarms")
            .build();
    SnsAction notify = new SnsAction(alarms);
    Duration five = Duration.minutes(5);

    alarm(
            "FunctionErrors",
            functions.function().metricErrors(stat("Sum", five)),
            5,
            "the functions failed (5xx from the code) more than 5 times in 5 minutes")
        .addAlarmAction(notify);
    alarm(
            "FunctionThrottles",
            functions.function().metricThrottles(stat("Sum", five)),
            1,
            "Lambda throttled the functions: raise the concurrency limit")
        .addAlarmAction(notify);
    alarm(
            "Api5xx",
            functions.api().metricServerError(stat("Sum", five)),
            10,
            "the API answered 5xx more than 10 times in 5 minutes")
        .addAlarmAction(notify);
    Metric accepted = tengen(config, "UploadsAccepted", Duration.hours(1));
    Metric rejected = tengen(config, "UploadsRejected", Duration.hours(1));
    // An hour with no accepted upload publishes no UploadsAccepted datapoint at all: without FILL
    // the sum would be missing, the alarm would treat it as not breaching, and an hour in which
    // every upload was rejected would be the one hour that never alarms.
    MathExpression rejectedShare =
        MathExpression.Builder.create()
            .expression(REJECTED_SHARE)
            .usingMetrics(Map.of("a", accepted, "r", rejected))
            .label("rejected uploads, % of the last hour's (0 below 20 uploads)")
            .period(Duration.hours(1))
            .build();
    alarm(
            "RejectedUploadRate",
            rejectedShare,
            20,
            "more than 20% of the last hour's uploads were rejected: a bad worker release or abuse")
        .addAlarmAction(notify);
    alarm(
            "TrainingFailed",
            compute.trainer().metricFailed(stat("Sum", five)),
            1,
            "a scheduled training run failed")
        .addAlarmAction(notify);

    Dashboard dashboard =
        Dashboard.Builder.create(this, "Dashboard").dashboardName(config.prefix()).build();
    dashboard.addWidgets(
        GraphWidget.Builder.create()
            .title("Games per hour")
            .left(List.of(tengen(config, "Games", Duration.hours(1))))
            .width(12)
            .build(),
        GraphWidget.Builder.create()
            .title("Positions per hour")
            .left(List.of(tengen(config, "Positions", Duration.hours(1))))
            .width(12)
            .build());
    dashboard.addWidgets(
        GraphWidget.Builder.create()
            .title("Uploads per hour")
            .left(
                List.of(accepted, rejected, tengen(config, "UploadsDuplicate", Duration.hours(1))))
            .width(12)
            .build(),
        GraphWidget.Builder.create()
            .title("Released networks' Elo")
            .left(List.of(tengenValue(config, "ReleasedNetworkElo")))
            .width(12)
            .build());
    dashboard.addWidgets(
        SingleValueWidget.Builder.create()
            .title("Networks released / rejected (7 days)")
            .metrics(
                List.of(
                    tengen(config, "NetworksReleased", Duration.days(7)),
                    tengen(config, "NetworksRejected", Duration.days(7))))
            .width(12)
            .build(),
        LogQueryWidget.Builder.create()
            .title("Latest release decisions")
            .logGroupNames(List.of(functions.logGroupName()))
            .queryLines(
                List.of(
                    "fields @timestamp, @message",
                    "filter @message like /RELEASED|REJECTED in run/",
                    "sort @timestamp desc",
                    "limit 10"))
            .width(12)
            .build());
    dashboard.addWidgets(
        GraphWidget.Builder.create()
            .title("Functions: errors, throttles, duration p99")
            .left(
                List.of(
                    functions.function().metricErrors(stat("Sum", five)),
                    functions.function().metricThrottles(stat("Sum", five))))
            .right(List.of(functions.function().metricDuration(stat("p99", five))))
            .width(12)
            .build(),
        GraphWidget.Builder.create()
            .title("API: requests, 4xx, 5xx")
            .left(
                List.of(
                    functions.api().metricCount(stat("Sum", five)),
                    functions.api().metricClientError(stat("Sum", five)),
                    functions.api().metricServerError(stat("Sum", five))))
            .width(12)
            .build());

    CfnOutput.Builder.create(this, "AlarmTopic").value(alarms.getTopicArn()).build();
  }

  /** The rejected share of an hour's uploads, in %; 0 below 20 uploads. */
  static final String REJECTED_SHARE =
      "IF(FILL(a, 0) + FILL(r, 0) > 20, 100 * FILL(r, 0) / (FILL(a, 0) + FILL(r, 0)), 0)";

  private Alarm alarm(String id, IMetric metric, double threshold, String description) {
    return Alarm.Builder.create(this, id)
        .metric(metric)
        .threshold(threshold)
        .evaluationPeriods(1)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
        .treatMissingData(TreatMissingData.NOT_BREACHING)
        .alarmDescription(description)
        .build();
  }

  private static software.amazon.awscdk.services.cloudwatch.MetricOptions stat(
      String statistic, Duration period) {
    return software.amazon.awscdk.services.cloudwatch.MetricOptions.builder()
        .statistic(statistic)
        .period(period)
        .build();
  }

  private static Metric tengen(DeploymentConfig config, String name, Duration period) {
    return Metric.Builder.create()
        .namespace("Tengen")
        .metricName(name)
        .dimensionsMap(Map.of("Run", config.run()))
        .statistic("Sum")
        .period(period)
        .build();
  }

  private static Metric tengenValue(DeploymentConfig config, String name) {
    return Metric.Builder.create()
        .namespace("Tengen")
        .metricName(name)
        .dimensionsMap(Map.of("Run", config.run()))
        .statistic("Maximum")
        .period(Duration.days(1))
        .build();
  }

  public Topic alarms() {
    return alarms;
  }
}

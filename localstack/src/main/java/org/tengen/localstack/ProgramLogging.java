package org.tengen.localstack;

/**
 * The logging of the local cloud's programs (tengen cloud, backend, local, strength, load and the
 * backend benchmark): the libraries' errors (and S3Proxy's warnings), nothing else. DynamoDB Local
 * logs through the Log4j API and S3Proxy through SLF4J; without a provider each complains at start
 * and then drops everything, errors included. Called first in each program's main, never in a
 * library class, so that tests running in Quarkus keep Quarkus's logging.
 */
public final class ProgramLogging {

  private ProgramLogging() {}

  public static void quiet() {
    // Log4j API 2.25's own simple provider, at ERROR: DynamoDB Local logs every failed condition
    // (a routine answer of a conditional write) at WARN, with its stack trace.
    System.setProperty("log4j.provider", "org.apache.logging.log4j.simple.internal.SimpleProvider");
    System.setProperty("log4j2.simplelogLevel", "ERROR");
    System.setProperty("org.apache.logging.log4j.simplelog.level", "ERROR");
    // slf4j-simple, at WARN, on standard error.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
  }
}

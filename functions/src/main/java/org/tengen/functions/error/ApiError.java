package org.tengen.functions.error;

import java.util.Map;

/** The JSON body of every error answer. */
public record ApiError(String code, String message, Map<String, Object> details) {}

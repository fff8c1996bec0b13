package dev.raworc.platform.access;

import java.util.Map;

/**
 * Finds what a request acts on, for one resource, from its path variables and query parameters:
 * the space the target lives in and its name. Answers 404 (by exception) when the target does
 * not exist. Resources without a resolver have no space, and their name is the {@code id} variable.
 */
public interface TargetResolver {

    Resource resource();

    Target resolve(Map<String, String> pathVariables, Map<String, String[]> queryParameters);
}

package io.emrlaunch.stepfunctions.local.internal;

import com.fasterxml.jackson.databind.JsonNode;

/** What a state hands on: the next state's name (null at the end of its graph) and its output. */
record Outcome(String next, JsonNode output) {}

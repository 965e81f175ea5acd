package io.emrlaunch.stepfunctions.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded generator of small JSONPath state machines (Pass, Choice, Map, Parallel/Fail, intrinsic
 * functions) with inputs, for the differential test against aws-local-stepfunctions. Each case
 * carries tags naming what it exercises (e.g. {@code intrinsic:States.ArrayUnique}) so that known
 * differences can be allow-listed by feature rather than by case number.
 */
final class JsonPathCaseGenerator {
  static final ObjectMapper JSON = new ObjectMapper();

  /** One generated case. */
  record GenCase(String id, ObjectNode definition, ObjectNode input, List<String> tags) {
    AwsLocalStepFunctions.Case toCase() {
      return new AwsLocalStepFunctions.Case(id, definition, input);
    }
  }

  private static final String[] KINDS = {"pass", "choice", "map", "intrinsic", "errors"};

  private final Random random;

  JsonPathCaseGenerator(long seed) {
    this.random = new Random(seed);
  }

  /** {@code n} cases, the kinds taken in turn. */
  List<GenCase> generate(int n) {
    List<GenCase> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String kind = KINDS[i % KINDS.length];
      List<String> tags = new ArrayList<>();
      tags.add("kind:" + kind);
      ObjectNode input = input();
      ObjectNode def =
          switch (kind) {
            case "pass" -> pass(tags);
            case "choice" -> choice(tags, input);
            case "map" -> map(tags);
            case "intrinsic" -> intrinsic(tags);
            default -> errors(tags);
          };
      out.add(new GenCase(String.format("%03d-%s", i, kind), def, input, List.copyOf(tags)));
    }
    return out;
  }

  // ---- inputs

  private ObjectNode input() {
    ObjectNode in = JSON.createObjectNode();
    in.put("a", random.nextInt(21) - 10);
    in.put("n", random.nextInt(5));
    in.put("x", Math.round((random.nextDouble() * 20 - 10) * 100) / 100.0);
    in.put("s", pick("alpha", "beta", "log-1.txt", "log-22.txt", "Alpha", "", "a*b", "x,y,z"));
    in.put("s2", pick("alpha", "beta", "gamma"));
    in.put("c", random.nextBoolean());
    in.putNull("z");
    in.put(
        "t",
        pick(
            "2024-01-01T00:00:00Z",
            "2025-06-30T12:30:00Z",
            "2023-12-31T23:59:59Z",
            "2024-01-01T00:00:00.500Z"));
    ArrayNode e = in.putArray("e");
    int len = random.nextInt(6);
    for (int i = 0; i < len; i++) {
      e.add(random.nextInt(7) - 2);
    }
    ArrayNode objs = in.putArray("objs");
    int m = random.nextInt(4);
    for (int i = 0; i < m; i++) {
      ObjectNode o = objs.addObject();
      o.put("id", "item-" + i);
      o.put("v", random.nextInt(100));
      if (random.nextBoolean()) {
        o.put("flag", random.nextBoolean());
      }
    }
    ObjectNode f = in.putObject("f");
    f.put("g", random.nextInt(10));
    f.put("h", pick("one", "two"));
    f.putObject("deep").put("k", pick("v1", "v2"));
    ObjectNode f2 = in.putObject("f2");
    f2.put("h", pick("three", "four"));
    f2.putObject("deep").put("k2", "v3");
    in.put("j", pick("{\"k\":1,\"l\":[true,null]}", "[1,2,3]", "\"str\"", "12.5"));
    in.put("b64", pick("aGVsbG8=", "ZW1yLWxhdW5jaA==", "YQ=="));
    // No empty tokens: how States.StringSplit treats them is not documented.
    in.put("csv", pick("a,b,c", "a;b", "one", "x;y,z"));
    return in;
  }

  private String pick(String... options) {
    return options[random.nextInt(options.length)];
  }

  private static final String[] PATHS = {
    "$",
    "$.a",
    "$.s",
    "$.c",
    "$.z",
    "$.e",
    "$.f",
    "$.f.g",
    "$.f.deep.k",
    "$.objs",
    "$.e[0]",
    "$.objs[*].v",
    "$.f['h']",
    "$.x"
  };

  // ---- Pass: InputPath, Parameters, Result, ResultPath, OutputPath

  private ObjectNode pass(List<String> tags) {
    ObjectNode p = JSON.createObjectNode();
    p.put("Type", "Pass");
    if (random.nextInt(3) == 0) {
      String ip = pick("$", "$.f", "$.objs", "$.f.deep");
      p.put("InputPath", ip);
      tags.add("InputPath");
    }
    if (random.nextInt(4) == 0) {
      p.set("Result", JSON.createObjectNode().put("fixed", random.nextInt(5)).put("w", "r"));
      tags.add("Result");
    } else if (random.nextInt(4) != 0) {
      p.set("Parameters", parameters(2));
      tags.add("Parameters");
    }
    if (random.nextBoolean()) {
      String rp = pick("$", "$.r", "$.f.r", "$.new.nested", "$.a");
      p.put("ResultPath", rp);
      tags.add("ResultPath:" + rp);
    } else if (random.nextInt(8) == 0) {
      p.putNull("ResultPath");
      tags.add("ResultPath:null");
    }
    if (random.nextInt(3) == 0) {
      p.put("OutputPath", pick("$", "$.r", "$.f", "$.a"));
      tags.add("OutputPath");
    }
    p.put("End", true);
    return machine("P", p);
  }

  private ObjectNode parameters(int depth) {
    ObjectNode o = JSON.createObjectNode();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      int k = random.nextInt(depth > 0 ? 5 : 4);
      switch (k) {
        case 0 -> o.put("lit" + i, random.nextInt(100));
        case 1 -> o.put("txt" + i, pick("plain", "$.notapath", "{}"));
        case 2 -> o.put("p" + i + ".$", pick(PATHS));
        case 3 -> o.put("ctx" + i + ".$", pick("$$.State.Name", "$$.Execution.Input.a"));
        default -> o.set("nested" + i, parameters(depth - 1));
      }
    }
    return o;
  }

  // ---- Choice

  private ObjectNode choice(List<String> tags, ObjectNode input) {
    ObjectNode states = JSON.createObjectNode();
    ObjectNode c = states.putObject("C");
    c.put("Type", "Choice");
    ArrayNode choices = c.putArray("Choices");
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      ObjectNode rule = rule(tags, 1);
      rule.put("Next", "B" + i);
      choices.add(rule);
      states.putObject("B" + i).put("Type", "Pass").put("Result", "branch-" + i).put("End", true);
    }
    if (random.nextInt(3) != 0) {
      c.put("Default", "D");
      states.putObject("D").put("Type", "Pass").put("Result", "default").put("End", true);
    } else {
      tags.add("NoDefault");
    }
    ObjectNode def = JSON.createObjectNode();
    def.put("StartAt", "C");
    def.set("States", states);
    return def;
  }

  private ObjectNode rule(List<String> tags, int depth) {
    int k = random.nextInt(depth > 0 ? 12 : 9);
    if (k >= 9) {
      String op = pick("And", "Or", "Not");
      tags.add("choice:" + op);
      ObjectNode r = JSON.createObjectNode();
      if (op.equals("Not")) {
        r.set("Not", rule(tags, depth - 1));
      } else {
        ArrayNode a = r.putArray(op);
        a.add(rule(tags, depth - 1));
        a.add(rule(tags, depth - 1));
      }
      return r;
    }
    ObjectNode r = JSON.createObjectNode();
    switch (k) {
      case 0 -> {
        String op =
            pick(
                "NumericEquals",
                "NumericLessThan",
                "NumericGreaterThan",
                "NumericLessThanEquals",
                "NumericGreaterThanEquals");
        r.put("Variable", pick("$.a", "$.x", "$.f.g", "$.n"));
        r.put(op, random.nextInt(11) - 5);
        tags.add("choice:" + op);
      }
      case 1 -> {
        String op =
            pick(
                "StringEquals",
                "StringLessThan",
                "StringGreaterThan",
                "StringLessThanEquals",
                "StringGreaterThanEquals");
        r.put("Variable", pick("$.s", "$.s2", "$.f.h"));
        r.put(op, pick("alpha", "beta", "Alpha", "", "log"));
        tags.add("choice:" + op);
      }
      case 2 -> {
        r.put("Variable", pick("$.s", "$.csv"));
        r.put("StringMatches", pick("log-*.txt", "*a*", "alpha", "a\\*b", "*", "x,*"));
        tags.add("choice:StringMatches");
      }
      case 3 -> {
        r.put("Variable", "$.c");
        r.put("BooleanEquals", random.nextBoolean());
        tags.add("choice:BooleanEquals");
      }
      case 4 -> {
        String op =
            pick(
                "TimestampEquals",
                "TimestampLessThan",
                "TimestampGreaterThan",
                "TimestampLessThanEquals",
                "TimestampGreaterThanEquals");
        r.put("Variable", "$.t");
        r.put(op, pick("2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z", "2024-01-01T00:00:00.500Z"));
        tags.add("choice:" + op);
      }
      case 5 -> {
        String op =
            pick(
                "NumericEqualsPath",
                "NumericLessThanPath",
                "NumericGreaterThanEqualsPath",
                "StringEqualsPath",
                "StringLessThanPath");
        if (op.startsWith("Numeric")) {
          r.put("Variable", pick("$.a", "$.f.g"));
          r.put(op, pick("$.n", "$.f.g", "$.a"));
        } else {
          r.put("Variable", pick("$.s", "$.s2"));
          r.put(op, pick("$.s2", "$.f.h"));
        }
        tags.add("choice:" + op);
      }
      case 6 -> {
        r.put("Variable", pick("$.a", "$.z", "$.missing", "$.f.deep.k", "$.e[9]"));
        boolean expected = random.nextBoolean();
        r.put("IsPresent", expected);
        tags.add("choice:IsPresent");
        if (!expected) {
          tags.add("choice:typeTest=false");
        }
      }
      case 7 -> {
        String op = pick("IsNull", "IsString", "IsNumeric", "IsBoolean", "IsTimestamp");
        r.put("Variable", pick("$.a", "$.z", "$.s", "$.c", "$.t", "$.x", "$.f"));
        boolean expected = random.nextBoolean();
        r.put(op, expected);
        tags.add("choice:" + op);
        if (!expected) {
          tags.add("choice:typeTest=false");
        }
      }
      default -> {
        r.put("Variable", pick("$.a", "$.s"));
        r.put(pick("NumericEquals", "StringEquals"), pick("1", "alpha"));
        tags.add("choice:typeMismatch");
      }
    }
    return r;
  }

  // ---- Map

  private ObjectNode map(List<String> tags) {
    ObjectNode m = JSON.createObjectNode();
    m.put("Type", "Map");
    boolean objects = random.nextBoolean();
    m.put("ItemsPath", objects ? "$.objs" : "$.e");
    if (random.nextBoolean()) {
      m.put("MaxConcurrency", random.nextInt(3));
    }
    if (random.nextBoolean()) {
      ObjectNode sel = m.putObject("ItemSelector");
      sel.put("value.$", "$$.Map.Item.Value");
      sel.put("index.$", "$$.Map.Item.Index");
      if (random.nextBoolean()) {
        sel.put("outer.$", pick("$.s", "$.f.h", "$.a"));
      }
      tags.add("ItemSelector");
    }
    ObjectNode proc = m.putObject("ItemProcessor");
    ObjectNode inner = JSON.createObjectNode();
    inner.put("Type", "Pass");
    if (random.nextBoolean()) {
      ObjectNode params = inner.putObject("Parameters");
      params.put("whole.$", "$");
      if (objects && !m.has("ItemSelector")) {
        params.put("v.$", "$.v");
      }
      params.put("k", "x");
    }
    inner.put("End", true);
    proc.put("StartAt", "Inner");
    proc.putObject("States").set("Inner", inner);
    if (random.nextBoolean()) {
      String rp = pick("$.mapped", "$");
      m.put("ResultPath", rp);
      tags.add("ResultPath:" + rp);
    }
    if (random.nextInt(3) == 0) {
      m.putObject("ResultSelector").put("all.$", "$").put("count.$", "States.ArrayLength($)");
      tags.add("ResultSelector");
    }
    m.put("End", true);
    return machine("M", m);
  }

  // ---- intrinsic functions

  private ObjectNode intrinsic(List<String> tags) {
    String fn =
        pick(
            "States.Format",
            "States.StringToJson",
            "States.JsonToString",
            "States.Array",
            "States.ArrayPartition",
            "States.ArrayContains",
            "States.ArrayRange",
            "States.ArrayGetItem",
            "States.ArrayLength",
            "States.ArrayUnique",
            "States.Base64Encode",
            "States.Base64Decode",
            "States.Hash",
            "States.JsonMerge",
            "States.MathAdd",
            "States.StringSplit");
    tags.add("intrinsic:" + fn);
    String call =
        switch (fn) {
          case "States.Format" ->
              pick(
                  "States.Format('x={} s={}', $.a, $.s)",
                  "States.Format('{} and {}', $.c, $.z)",
                  "States.Format('plain')",
                  "States.Format('esc \\'q\\' {}', $.f.h)",
                  "States.Format('{}', $.x)");
          case "States.StringToJson" -> "States.StringToJson($.j)";
          case "States.JsonToString" ->
              pick(
                  "States.JsonToString($.f)",
                  "States.JsonToString($.e)",
                  "States.JsonToString($.s)");
          case "States.Array" ->
              pick("States.Array($.a, $.s, 'lit', 3)", "States.Array()", "States.Array($.f, $.z)");
          case "States.ArrayPartition" ->
              "States.ArrayPartition($.e, " + (1 + random.nextInt(3)) + ")";
          case "States.ArrayContains" ->
              pick("States.ArrayContains($.e, $.a)", "States.ArrayContains($.e, 2)");
          case "States.ArrayRange" ->
              "States.ArrayRange("
                  + (random.nextInt(7) - 3)
                  + ", "
                  + (random.nextInt(13) - 3)
                  + ", "
                  + pick("1", "2", "-1", "3")
                  + ")";
          // Indexes within bounds: the service's answer past the end is not documented.
          case "States.ArrayGetItem" ->
              "States.ArrayGetItem(States.Array(5, 'b', $.a, $.f), " + random.nextInt(4) + ")";
          case "States.ArrayLength" ->
              pick("States.ArrayLength($.e)", "States.ArrayLength($.objs)");
          case "States.ArrayUnique" ->
              pick(
                  "States.ArrayUnique($.e)", "States.ArrayUnique(States.Array(1, 1, 'a', 'a', 2))");
          case "States.Base64Encode" ->
              pick("States.Base64Encode($.s)", "States.Base64Encode($.f.h)");
          case "States.Base64Decode" -> "States.Base64Decode($.b64)";
          case "States.Hash" ->
              "States.Hash($.s2, '" + pick("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512") + "')";
          case "States.JsonMerge" -> "States.JsonMerge($.f, $.f2, false)";
          case "States.MathAdd" ->
              pick(
                  "States.MathAdd($.a, " + (random.nextInt(21) - 10) + ")",
                  "States.MathAdd($.f.g, $.n)");
          default ->
              pick(
                  "States.StringSplit($.csv, ',')",
                  "States.StringSplit($.csv, ';,')",
                  "States.StringSplit($.s2, 'e')");
        };
    ObjectNode p = JSON.createObjectNode();
    p.put("Type", "Pass");
    ObjectNode params = p.putObject("Parameters");
    params.put("r.$", call);
    if (random.nextBoolean()) {
      params.put("keep.$", "$.a");
    }
    p.put("End", true);
    return machine("I", p);
  }

  // ---- failures: Fail, Parallel + Catch, paths selecting nothing, ResultPath mismatches

  private ObjectNode errors(List<String> tags) {
    int k = random.nextInt(5);
    switch (k) {
      case 0 -> {
        tags.add("errors:Fail");
        ObjectNode f = JSON.createObjectNode().put("Type", "Fail");
        if (random.nextBoolean()) {
          f.put("Error", pick("Custom.Error", "States.TaskFailed", "E"));
        }
        if (random.nextBoolean()) {
          f.put("Cause", pick("because", "it broke"));
        }
        return machine("F", f);
      }
      case 1 -> {
        tags.add("errors:ParallelCatch");
        ObjectNode par = JSON.createObjectNode().put("Type", "Parallel");
        ArrayNode branches = par.putArray("Branches");
        ObjectNode ok = branches.addObject();
        ok.put("StartAt", "Ok");
        ok.putObject("States").putObject("Ok").put("Type", "Pass").put("End", true);
        ObjectNode bad = branches.addObject();
        bad.put("StartAt", "Bad");
        String error = pick("Custom.Error", "Other.Error");
        bad.putObject("States")
            .putObject("Bad")
            .put("Type", "Fail")
            .put("Error", error)
            .put("Cause", "branch failed");
        ArrayNode catches = par.putArray("Catch");
        ObjectNode c = catches.addObject();
        c.putArray("ErrorEquals").add(pick("Custom.Error", "States.ALL", "Nope"));
        c.put("Next", "Handled");
        if (random.nextBoolean()) {
          c.put("ResultPath", pick("$.err", "$"));
        }
        par.put("Next", "Done");
        ObjectNode states = JSON.createObjectNode();
        states.set("Par", par);
        states.putObject("Handled").put("Type", "Pass").put("End", true);
        states.putObject("Done").put("Type", "Succeed");
        ObjectNode def = JSON.createObjectNode();
        def.put("StartAt", "Par");
        def.set("States", states);
        return def;
      }
      case 2 -> {
        tags.add("errors:PathSelectsNothing");
        ObjectNode p = JSON.createObjectNode().put("Type", "Pass");
        switch (random.nextInt(3)) {
          case 0 -> p.put("InputPath", pick("$.missing", "$.f.nothing"));
          case 1 -> p.putObject("Parameters").put("v.$", pick("$.missing", "$.e[42]"));
          default -> p.put("OutputPath", "$.missing");
        }
        p.put("End", true);
        return machine("P", p);
      }
      case 3 -> {
        tags.add("errors:ResultPathOntoScalar");
        ObjectNode p = JSON.createObjectNode().put("Type", "Pass");
        p.put("Result", "r");
        p.put("ResultPath", pick("$.a.b", "$.s.deep", "$.z.k"));
        p.put("End", true);
        return machine("P", p);
      }
      default -> {
        tags.add("errors:ChoiceNoMatch");
        ObjectNode states = JSON.createObjectNode();
        ObjectNode c = states.putObject("C").put("Type", "Choice");
        c.putArray("Choices")
            .addObject()
            .put("Variable", "$.a")
            .put("NumericGreaterThan", 1000)
            .put("Next", "X");
        states.putObject("X").put("Type", "Succeed");
        ObjectNode def = JSON.createObjectNode();
        def.put("StartAt", "C");
        def.set("States", states);
        return def;
      }
    }
  }

  private static ObjectNode machine(String name, ObjectNode state) {
    ObjectNode def = JSON.createObjectNode();
    def.put("StartAt", name);
    def.putObject("States").set(name, state);
    return def;
  }

  static JsonNode parse(String s) {
    try {
      return JSON.readTree(s);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}

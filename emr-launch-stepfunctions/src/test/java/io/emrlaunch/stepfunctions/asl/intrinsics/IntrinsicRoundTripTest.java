package io.emrlaunch.stepfunctions.asl.intrinsics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrlaunch.core.json.EmrLaunchJson;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random intrinsic expressions: build, render, parse, compare (and through JSON). */
class IntrinsicRoundTripTest {
  private static final String TRICKY = "ab'{}\\ .,()$\"é\t";

  private final Random random = new Random(42);
  private int budget;

  @Test
  void randomExpressionsRoundTrip() throws Exception {
    ObjectMapper mapper = EmrLaunchJson.newMapper();
    int maxCalls = 0;
    for (int i = 0; i < 600; i++) {
      budget =
          i % 2 == 0 ? Intrinsic.MAX_NESTED_CALLS : 1 + random.nextInt(Intrinsic.MAX_NESTED_CALLS);
      Intrinsic original = call();
      String text = original.render();
      Intrinsic parsed = Intrinsic.parse(text);
      assertThat(parsed).as(text).isEqualTo(original);
      assertThat(parsed.render()).isEqualTo(text);
      // Through a JSON payload field, as it sits in a definition.
      String json = mapper.writeValueAsString(java.util.Map.of("value.$", text));
      String back = mapper.readTree(json).get("value.$").asText();
      assertThat(Intrinsic.parse(back)).isEqualTo(original);
      // Extra white space is tolerated and does not change the value.
      String spaced = text.replace(", ", " ,\t").replace("(", "( ");
      if (!containsLiteralText(original)) {
        assertThat(Intrinsic.parse(spaced)).as(spaced).isEqualTo(original);
      }
      maxCalls = Math.max(maxCalls, original.callCount());
    }
    assertThat(maxCalls).isEqualTo(Intrinsic.MAX_NESTED_CALLS);
  }

  private static boolean containsLiteralText(IntrinsicArgument a) {
    if (a instanceof StringLiteral || a instanceof FormatTemplate || a instanceof PathArgument) {
      return true;
    }
    if (a instanceof Intrinsic i) {
      return i.arguments().stream().anyMatch(IntrinsicRoundTripTest::containsLiteralText);
    }
    return false;
  }

  private Intrinsic call() {
    budget--;
    IntrinsicFunction[] all = IntrinsicFunction.values();
    IntrinsicFunction f = all[random.nextInt(all.length)];
    return switch (f) {
      case FORMAT -> {
        int n = random.nextInt(4);
        List<IntrinsicArgument> args = new ArrayList<>();
        List<String> segments = new ArrayList<>();
        for (int k = 0; k <= n; k++) {
          segments.add(text());
        }
        args.add(random.nextInt(5) == 0 ? path() : new FormatTemplate(segments));
        for (int k = 0; k < n; k++) {
          args.add(any());
        }
        yield new Intrinsic(f, args);
      }
      case STRING_TO_JSON, BASE64_ENCODE -> Intrinsics.call(f, stringOrDynamic());
      case BASE64_DECODE ->
          Intrinsics.call(f, random.nextBoolean() ? dynamic() : Intrinsics.string("QUJD"));
      case JSON_TO_STRING, ARRAY_LENGTH, ARRAY_UNIQUE -> Intrinsics.call(f, dynamic());
      case ARRAY -> {
        IntrinsicArgument[] args = new IntrinsicArgument[random.nextInt(6)];
        for (int k = 0; k < args.length; k++) {
          args[k] = any();
        }
        yield Intrinsics.call(f, args);
      }
      case ARRAY_PARTITION -> Intrinsics.call(f, dynamic(), intOrDynamic(1, 50));
      case ARRAY_CONTAINS -> Intrinsics.call(f, dynamic(), any());
      case ARRAY_RANGE ->
          Intrinsics.call(f, intOrDynamic(-100, 100), intOrDynamic(-100, 100), nonZeroStep());
      case ARRAY_GET_ITEM -> Intrinsics.call(f, dynamic(), intOrDynamic(0, 20));
      case HASH -> {
        HashAlgorithm[] algs = HashAlgorithm.values();
        yield Intrinsics.hash(stringOrDynamic(), algs[random.nextInt(algs.length)]);
      }
      case JSON_MERGE -> Intrinsics.jsonMerge(dynamic(), dynamic());
      case MATH_RANDOM ->
          random.nextBoolean()
              ? Intrinsics.call(f, intOrDynamic(-9, 0), intOrDynamic(1, 9))
              : Intrinsics.call(f, intOrDynamic(-9, 0), intOrDynamic(1, 9), intOrDynamic(0, 99));
      case MATH_ADD -> Intrinsics.call(f, intOrDynamic(-1000, 1000), intOrDynamic(-1000, 1000));
      case STRING_SPLIT -> Intrinsics.call(f, stringOrDynamic(), stringOrDynamic());
      case UUID -> Intrinsics.uuid();
    };
  }

  private IntrinsicArgument nonZeroStep() {
    if (random.nextInt(4) == 0) {
      return dynamic();
    }
    int s = 1 + random.nextInt(5);
    return Intrinsics.number(random.nextBoolean() ? s : -s);
  }

  private IntrinsicArgument dynamic() {
    return budget > 0 && random.nextInt(3) != 0 ? call() : path();
  }

  private IntrinsicArgument stringOrDynamic() {
    return random.nextBoolean() ? Intrinsics.string(text()) : dynamic();
  }

  private IntrinsicArgument intOrDynamic(int min, int max) {
    return random.nextInt(4) == 0
        ? dynamic()
        : Intrinsics.number(min + random.nextInt(max - min + 1));
  }

  private IntrinsicArgument any() {
    return switch (random.nextInt(7)) {
      case 0 -> Intrinsics.string(text());
      case 1 ->
          Intrinsics.number(BigDecimal.valueOf(random.nextInt(20_000) - 10_000, random.nextInt(3)));
      case 2 -> Intrinsics.bool(random.nextBoolean());
      case 3 -> Intrinsics.nullValue();
      default -> dynamic();
    };
  }

  private PathArgument path() {
    String[] roots = {"$", "$$", "$myVar", "$.items", "$$.Execution", "$.a.b"};
    String[] tails = {"", ".x", "[0]", "['key, with (parens)']", "[*].id", ".clusters[1].arn"};
    String root = roots[random.nextInt(roots.length)];
    String tail = tails[random.nextInt(tails.length)];
    if ("$$".equals(root) && tail.isEmpty()) {
      tail = ".Execution.Id";
    }
    return Intrinsics.path(root + tail);
  }

  private String text() {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(8);
    for (int k = 0; k < n; k++) {
      s.append(
          random.nextBoolean()
              ? TRICKY.charAt(random.nextInt(TRICKY.length()))
              : (char) ('a' + random.nextInt(26)));
    }
    return s.toString();
  }
}

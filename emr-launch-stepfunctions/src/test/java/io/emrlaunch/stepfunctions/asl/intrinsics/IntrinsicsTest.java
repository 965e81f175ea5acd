package io.emrlaunch.stepfunctions.asl.intrinsics;

import static io.emrlaunch.stepfunctions.asl.intrinsics.Intrinsics.bool;
import static io.emrlaunch.stepfunctions.asl.intrinsics.Intrinsics.nullValue;
import static io.emrlaunch.stepfunctions.asl.intrinsics.Intrinsics.number;
import static io.emrlaunch.stepfunctions.asl.intrinsics.Intrinsics.path;
import static io.emrlaunch.stepfunctions.asl.intrinsics.Intrinsics.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

class IntrinsicsTest {

  private static List<String> problems(ThrowingSupplier<?> action) {
    try {
      action.get();
    } catch (ValidationException e) {
      return e.problems().stream().map(Problem::toString).toList();
    } catch (Throwable t) {
      throw new AssertionError("expected a ValidationException, got " + t, t);
    }
    throw new AssertionError("expected a ValidationException, none thrown");
  }

  @Test
  void rendersEveryFunctionExactly() {
    PathArgument items = path("$.items");
    assertThat(Intrinsics.format("Hello {}", path("$.name")).render())
        .isEqualTo("States.Format('Hello {}', $.name)");
    assertThat(Intrinsics.stringToJson(path("$.escaped")).render())
        .isEqualTo("States.StringToJson($.escaped)");
    assertThat(Intrinsics.jsonToString(path("$.obj")).render())
        .isEqualTo("States.JsonToString($.obj)");
    assertThat(Intrinsics.array(string("a"), number(1), bool(true), nullValue(), items).render())
        .isEqualTo("States.Array('a', 1, true, null, $.items)");
    assertThat(Intrinsics.array().render()).isEqualTo("States.Array()");
    assertThat(Intrinsics.arrayPartition(items, 4).render())
        .isEqualTo("States.ArrayPartition($.items, 4)");
    assertThat(Intrinsics.arrayContains(items, path("$.wanted")).render())
        .isEqualTo("States.ArrayContains($.items, $.wanted)");
    assertThat(Intrinsics.arrayRange(1, 9, 2).render()).isEqualTo("States.ArrayRange(1, 9, 2)");
    assertThat(Intrinsics.arrayGetItem(items, 0).render())
        .isEqualTo("States.ArrayGetItem($.items, 0)");
    assertThat(Intrinsics.arrayLength(items).render()).isEqualTo("States.ArrayLength($.items)");
    assertThat(Intrinsics.arrayUnique(items).render()).isEqualTo("States.ArrayUnique($.items)");
    assertThat(Intrinsics.base64Encode(string("Data to encode")).render())
        .isEqualTo("States.Base64Encode('Data to encode')");
    assertThat(Intrinsics.base64Decode(path("$.b64")).render())
        .isEqualTo("States.Base64Decode($.b64)");
    assertThat(Intrinsics.hash(path("$.Data"), HashAlgorithm.SHA_1).render())
        .isEqualTo("States.Hash($.Data, 'SHA-1')");
    assertThat(Intrinsics.jsonMerge(path("$.a"), path("$.b")).render())
        .isEqualTo("States.JsonMerge($.a, $.b, false)");
    assertThat(Intrinsics.mathRandom(number(1), number(999)).render())
        .isEqualTo("States.MathRandom(1, 999)");
    assertThat(Intrinsics.mathRandom(number(1), number(999), path("$.seed")).render())
        .isEqualTo("States.MathRandom(1, 999, $.seed)");
    assertThat(Intrinsics.mathAdd(path("$.attempt"), -1).render())
        .isEqualTo("States.MathAdd($.attempt, -1)");
    assertThat(Intrinsics.stringSplit(path("$.csv"), ",").render())
        .isEqualTo("States.StringSplit($.csv, ',')");
    assertThat(Intrinsics.uuid().render()).isEqualTo("States.UUID()");
    assertThat(Intrinsics.mathAdd(number(new BigDecimal("1e2")), number(2)).render())
        .isEqualTo("States.MathAdd(100, 2)");
  }

  @Test
  void escapesReservedCharactersInLiterals() {
    Intrinsic split = Intrinsics.stringSplit(string("it's {a} \\ b"), "{");
    assertThat(split.render()).isEqualTo("States.StringSplit('it\\'s \\{a\\} \\\\ b', '\\{')");
    // In a Format template only the {} pairs stay unescaped; lone braces are literal text.
    Intrinsic json = Intrinsics.format("{\"key\": \"{}\"}", path("$.value"));
    assertThat(json.render()).isEqualTo("States.Format('\\{\"key\": \"{}\"\\}', $.value)");
    assertThat(Intrinsic.parse(json.render())).isEqualTo(json);
    assertThat(Intrinsic.parse(split.render())).isEqualTo(split);
  }

  @Test
  void literalBracePairInTemplateSurvivesRoundTrip() {
    // '\{\}' is a literal "{}", not a placeholder.
    Intrinsic f = Intrinsic.parse("States.Format('empty \\{\\} and {}', $.x)");
    assertThat(f.arguments().get(0)).isEqualTo(new FormatTemplate(List.of("empty {} and ", "")));
    assertThat(f.render()).isEqualTo("States.Format('empty \\{\\} and {}', $.x)");
  }

  @Test
  void formatPlaceholdersMustMatchArguments() {
    assertThat(problems(() -> Intrinsics.format("{} and {}", path("$.a"))))
        .containsExactly(
            "States.Format.arguments[0]: has 2 {} placeholder(s) but 1 argument(s) follow");
    assertThat(problems(() -> Intrinsics.format("none", path("$.a"))))
        .containsExactly(
            "States.Format.arguments[0]: has 0 {} placeholder(s) but 1 argument(s) follow");
    // A template read from a path cannot be counted: any number of arguments is accepted.
    assertThat(Intrinsics.format(path("$.template"), path("$.a"), path("$.b")).render())
        .isEqualTo("States.Format($.template, $.a, $.b)");
    assertThat(problems(() -> Intrinsics.format(string("plain"))))
        .containsExactly(
            "States.Format.arguments[0]: must be a format template, a path or an intrinsic call");
  }

  @Test
  void arrayRangeLimitsAndStep() {
    assertThat(Intrinsics.arrayRange(0, 999, 1).render()).isEqualTo("States.ArrayRange(0, 999, 1)");
    assertThat(Intrinsics.arrayRange(1, 1000, 1).arguments()).hasSize(3);
    assertThat(problems(() -> Intrinsics.arrayRange(0, 1000, 1)))
        .containsExactly(
            "States.ArrayRange.arguments: must produce at most 1000 elements (would produce 1001)");
    assertThat(problems(() -> Intrinsics.arrayRange(5000, 0, -5)))
        .containsExactly(
            "States.ArrayRange.arguments: must produce at most 1000 elements (would produce 1001)");
    assertThat(Intrinsics.arrayRange(4995, 0, -5).render())
        .isEqualTo("States.ArrayRange(4995, 0, -5)");
    assertThat(problems(() -> Intrinsics.arrayRange(0, 10, 0)))
        .containsExactly("States.ArrayRange.arguments[2]: must not be 0");
    assertThat(
            problems(
                () -> Intrinsics.arrayRange(number(new BigDecimal("1.5")), number(3), number(1))))
        .containsExactly(
            "States.ArrayRange.arguments[0]: must be an integer, a path or an intrinsic call (was 1.5)");
    // Direction opposite to the step: an empty range is fine.
    assertThat(Intrinsics.arrayRange(10, 0, 1).render()).isEqualTo("States.ArrayRange(10, 0, 1)");
    // With a dynamic bound only the step is checked.
    assertThat(Intrinsics.arrayRange(number(0), path("$.n"), number(1)).render())
        .isEqualTo("States.ArrayRange(0, $.n, 1)");
  }

  @Test
  void hashAlgorithms() {
    for (HashAlgorithm a : HashAlgorithm.values()) {
      Intrinsic h = Intrinsics.hash(path("$.d"), a);
      assertThat(h.render()).isEqualTo("States.Hash($.d, '" + a.aslName() + "')");
      assertThat(Intrinsic.parse(h.render())).isEqualTo(h);
    }
    assertThat(problems(() -> Intrinsics.hash(path("$.d"), string("sha-256"))))
        .containsExactly(
            "States.Hash.arguments[1]: must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512"
                + " (was sha-256)");
    assertThat(problems(() -> Intrinsics.hash(path("$.d"), string("SHA-224")))).hasSize(1);
    assertThat(problems(() -> Intrinsics.hash(string("x".repeat(10_001)), HashAlgorithm.MD5)))
        .containsExactly("States.Hash.arguments[0]: must be at most 10000 characters (was 10001)");
  }

  @Test
  void base64Limits() {
    assertThat(Intrinsics.base64Encode(string("a".repeat(10_000))).arguments()).hasSize(1);
    assertThat(problems(() -> Intrinsics.base64Encode(string("a".repeat(10_001)))))
        .containsExactly(
            "States.Base64Encode.arguments[0]: must be at most 10000 characters (was 10001)");
    assertThat(Intrinsics.base64Decode(string("RGF0YQ==")).render())
        .isEqualTo("States.Base64Decode('RGF0YQ==')");
    assertThat(problems(() -> Intrinsics.base64Decode(string("not base64!"))))
        .containsExactly("States.Base64Decode.arguments[0]: must be Base64 text");
    assertThat(problems(() -> Intrinsics.base64Decode(string("QUFB".repeat(2_501)))))
        .containsExactly(
            "States.Base64Decode.arguments[0]: must be at most 10000 characters (was 10004)");
    assertThat(problems(() -> Intrinsics.base64Encode(number(3))))
        .containsExactly(
            "States.Base64Encode.arguments[0]: must be a string, a path or an intrinsic call (was 3)");
  }

  @Test
  void jsonMergeRequiresShallowFlag() {
    assertThat(
            problems(
                () ->
                    Intrinsics.call(
                        IntrinsicFunction.JSON_MERGE, path("$.a"), path("$.b"), bool(true))))
        .containsExactly(
            "States.JsonMerge.arguments[2]: must be false (the service supports shallow merge"
                + " only; was true)");
    assertThat(
            problems(
                () ->
                    Intrinsics.call(
                        IntrinsicFunction.JSON_MERGE, string("a"), path("$.b"), path("$.deep"))))
        .containsExactly(
            "States.JsonMerge.arguments[0]: must be a path or an intrinsic call (was 'a')",
            "States.JsonMerge.arguments[2]: must be false (the service supports shallow merge"
                + " only; was $.deep)");
  }

  @Test
  void integerArguments() {
    assertThat(problems(() -> Intrinsics.mathAdd(number(new BigDecimal("1.25")), number(1))))
        .containsExactly(
            "States.MathAdd.arguments[0]: must be an integer, a path or an intrinsic call (was 1.25)");
    assertThat(Intrinsics.mathAdd(number(new BigDecimal("2.0")), number(1)).render())
        .isEqualTo("States.MathAdd(2.0, 1)");
    assertThat(problems(() -> Intrinsics.mathAdd(number(2_147_483_648L), number(1))))
        .containsExactly("States.MathAdd.arguments[0]: must be <= 2147483647 (was 2147483648)");
    assertThat(problems(() -> Intrinsics.mathRandom(string("1"), number(2), bool(false))))
        .containsExactly(
            "States.MathRandom.arguments[0]: must be an integer, a path or an intrinsic call"
                + " (was '1')",
            "States.MathRandom.arguments[2]: must be an integer, a path or an intrinsic call"
                + " (was false)");
    assertThat(problems(() -> Intrinsics.arrayPartition(path("$.a"), 0)))
        .containsExactly("States.ArrayPartition.arguments[1]: must be >= 1 (was 0)");
    assertThat(problems(() -> Intrinsics.arrayGetItem(path("$.a"), -1)))
        .containsExactly("States.ArrayGetItem.arguments[1]: must be >= 0 (was -1)");
  }

  @Test
  void arityIsCheckedForEveryFunction() {
    for (IntrinsicFunction f : IntrinsicFunction.values()) {
      if (f.minArguments() > 0) {
        IntrinsicArgument[] tooFew = paths(f.minArguments() - 1);
        assertThat(problems(() -> Intrinsics.call(f, tooFew)))
            .as(f.aslName())
            .hasSize(1)
            .first()
            .asString()
            .startsWith(f.aslName() + ".arguments: takes ")
            .endsWith("(was " + (f.minArguments() - 1) + ")");
      }
      if (f.maxArguments() < Integer.MAX_VALUE) {
        IntrinsicArgument[] tooMany = paths(f.maxArguments() + 1);
        assertThat(problems(() -> Intrinsics.call(f, tooMany)))
            .as(f.aslName())
            .hasSize(1)
            .first()
            .asString()
            .endsWith("(was " + (f.maxArguments() + 1) + ")");
      }
    }
    assertThat(problems(() -> Intrinsics.call(IntrinsicFunction.MATH_RANDOM, paths(4))))
        .containsExactly("States.MathRandom.arguments: takes 2 to 3 arguments (was 4)");
    assertThat(problems(() -> Intrinsics.call(IntrinsicFunction.UUID, paths(1))))
        .containsExactly("States.UUID.arguments: takes exactly 0 argument(s) (was 1)");
  }

  private static IntrinsicArgument[] paths(int n) {
    IntrinsicArgument[] out = new IntrinsicArgument[n];
    for (int i = 0; i < n; i++) {
      out[i] = path("$.a" + i);
    }
    return out;
  }

  @Test
  void atMostTenCallsPerField() {
    Intrinsic nine = Intrinsics.uuid();
    for (int i = 1; i < 9; i++) {
      nine = Intrinsics.array(nine);
    }
    assertThat(nine.callCount()).isEqualTo(9);
    Intrinsic ten = Intrinsics.array(nine);
    assertThat(ten.callCount()).isEqualTo(10);
    Intrinsic finalTen = ten;
    assertThat(problems(() -> Intrinsics.array(finalTen)))
        .containsExactly(
            "States.Array: nests 11 intrinsic calls; at most 10 are allowed in one field");
    Intrinsic five = Intrinsics.array(Intrinsics.uuid(), Intrinsics.uuid(), Intrinsics.uuid());
    Intrinsic wide =
        Intrinsics.array(
            five, Intrinsics.array(five.arguments().toArray(new IntrinsicArgument[0])));
    assertThat(wide.callCount()).isEqualTo(9);
  }

  @Test
  void parsesTheDocumentedNineCallExample() {
    String args =
        "States.ArrayGetItem(States.StringSplit(States.ArrayGetItem("
            + "States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem("
            + "States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'),"
            + " 2), '.'), 1))";
    // The AWS guide's example has three placeholders but only two arguments: we catch that.
    assertThat(problems(() -> Intrinsic.parse("States.Format('{}.{}.{}', " + args)))
        .containsExactly(
            "States.Format.arguments[0]: has 3 {} placeholder(s) but 2 argument(s) follow"
                + " (call at character 0)");
    String text = "States.Format('{}.{}', " + args;
    Intrinsic parsed = Intrinsic.parse(text);
    assertThat(parsed.callCount()).isEqualTo(9);
    assertThat(parsed.render()).isEqualTo(text);
    Intrinsic built =
        Intrinsics.format(
            "{}.{}",
            Intrinsics.arrayGetItem(
                Intrinsics.stringSplit(
                    Intrinsics.arrayGetItem(
                        Intrinsics.stringSplit(path("$.ImageRecipe.Arn"), "/"), 2),
                    "."),
                0),
            Intrinsics.arrayGetItem(
                Intrinsics.stringSplit(
                    Intrinsics.arrayGetItem(
                        Intrinsics.stringSplit(path("$.ImageRecipe.Arn"), "/"), 2),
                    "."),
                1));
    assertThat(parsed).isEqualTo(built);
  }

  @Test
  void parseToleratesWhiteSpaceAndReadsAllArgumentKinds() {
    Intrinsic parsed =
        Intrinsic.parse(
            "  States.Array( 'x' ,-1.5,true , false,null, $$.Execution.Id, $myVar.items[0],"
                + " $['a b'], $.items[?(@.price < 10)] )  ");
    assertThat(parsed.arguments())
        .containsExactly(
            string("x"),
            number(new BigDecimal("-1.5")),
            bool(true),
            bool(false),
            nullValue(),
            path("$$.Execution.Id"),
            path("$myVar.items[0]"),
            path("$['a b']"),
            path("$.items[?(@.price < 10)]"));
    assertThat(parsed.render())
        .isEqualTo(
            "States.Array('x', -1.5, true, false, null, $$.Execution.Id, $myVar.items[0],"
                + " $['a b'], $.items[?(@.price < 10)])");
    assertThat(((PathArgument) parsed.arguments().get(6)).kind())
        .isEqualTo(PathArgument.Kind.VARIABLE);
    assertThat(((PathArgument) parsed.arguments().get(6)).variableName()).isEqualTo("myVar");
    assertThat(((PathArgument) parsed.arguments().get(5)).kind())
        .isEqualTo(PathArgument.Kind.CONTEXT);
    assertThat(((PathArgument) parsed.arguments().get(7)).kind())
        .isEqualTo(PathArgument.Kind.INPUT);
  }

  @Test
  void parseErrorsNameTheOffset() {
    assertThat(problems(() -> Intrinsic.parse("States.Nope($.a)")))
        .containsExactly(
            "invalid intrinsic function at character 0: unknown intrinsic function States.Nope");
    assertThat(problems(() -> Intrinsic.parse("States.Array('abc")))
        .containsExactly("invalid intrinsic function at character 13: unterminated string literal");
    assertThat(problems(() -> Intrinsic.parse("States.StringSplit($.a, '{')")))
        .containsExactly(
            "invalid intrinsic function at character 25: '{' must be escaped as \\{ in a string"
                + " literal, found '{'");
    assertThat(problems(() -> Intrinsic.parse("States.Array('a\\nb')")))
        .containsExactly(
            "invalid intrinsic function at character 15: unsupported escape \\n (only \\' \\{ \\}"
                + " \\\\ are defined), found '\\'");
    assertThat(problems(() -> Intrinsic.parse("States.UUID() x")))
        .containsExactly(
            "invalid intrinsic function at character 14: unexpected text after the closing"
                + " parenthesis, found 'x'");
    assertThat(problems(() -> Intrinsic.parse("States.Array($.a $.b)")))
        .containsExactly(
            "invalid intrinsic function at character 17: expected ',' or ')', found '$'");
    assertThat(problems(() -> Intrinsic.parse("States.Array(foo)")))
        .containsExactly(
            "invalid intrinsic function at character 13: expected an argument (string, number,"
                + " true, false, null, path or intrinsic), found 'f'");
    assertThat(problems(() -> Intrinsic.parse("$.a")))
        .containsExactly(
            "invalid intrinsic function at character 0: expected an intrinsic function name"
                + " (States.Name), found '$'");
    assertThat(problems(() -> Intrinsic.parse("States.Array($.a.)")))
        .containsExactly(
            "invalid intrinsic function at character 13: invalid path: must not end with . (was $.a.)");
    assertThat(problems(() -> Intrinsic.parse("States.Array(States.Hash($.a, 'SHA-2'))")))
        .containsExactly(
            "States.Hash.arguments[1]: must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512"
                + " (was SHA-2) (call at character 13)");
  }

  @Test
  void pathShapes() {
    for (String ok :
        List.of("$", "$.a", "$$", "$$.Map.Item.Value", "$[0]", "$.a[*].b", "$v", "$v[0]", "$ü.x")) {
      assertThat(path(ok).render()).isEqualTo(ok);
    }
    assertThat(problems(() -> path("a.b"))).containsExactly("path: must start with $ (was a.b)");
    assertThat(problems(() -> path("$.a b")))
        .containsExactly("path: must not contain ' ' outside brackets (was $.a b)");
    assertThat(problems(() -> path("$.a[0")))
        .containsExactly("path: has an unbalanced [ (was $.a[0)");
    assertThat(problems(() -> path("$.a]")))
        .containsExactly("path: has an unbalanced ] (was $.a])");
    assertThat(problems(() -> path("$states.input")))
        .containsExactly(
            "path: must not reference the reserved variable $states (was $states.input)");
    assertThat(problems(() -> path("$-x")))
        .containsExactly("path: must continue with . or [ after $ (was $-x)");
    assertThat(Intrinsic.looksLikeIntrinsic(" States.UUID()")).isTrue();
    assertThat(Intrinsic.looksLikeIntrinsic("$.States")).isFalse();
    assertThat(Intrinsic.looksLikeIntrinsic(null)).isFalse();
  }

  @Test
  void formatTemplateOutsideFormatIsRejected() {
    assertThat(
            problems(
                () ->
                    Intrinsics.call(
                        IntrinsicFunction.ARRAY, FormatTemplate.of("x {}"), path("$.a"))))
        .containsExactly(
            "States.Array.arguments[0]: a format template is only allowed first in States.Format");
  }
}

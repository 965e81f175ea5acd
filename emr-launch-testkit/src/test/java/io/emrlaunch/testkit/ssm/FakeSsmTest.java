package io.emrlaunch.testkit.ssm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ssm.model.AccessDeniedException;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.HierarchyLevelLimitExceededException;
import software.amazon.awssdk.services.ssm.model.InvalidAllowedPatternException;
import software.amazon.awssdk.services.ssm.model.InvalidFilterKeyException;
import software.amazon.awssdk.services.ssm.model.InvalidKeyIdException;
import software.amazon.awssdk.services.ssm.model.InvalidNextTokenException;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterLimitExceededException;
import software.amazon.awssdk.services.ssm.model.ParameterMaxVersionLimitExceededException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterPatternMismatchException;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;
import software.amazon.awssdk.services.ssm.model.ParameterVersionLabelLimitExceededException;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;
import software.amazon.awssdk.services.ssm.model.PutParameterRequest;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;
import software.amazon.awssdk.services.ssm.model.Tag;
import software.amazon.awssdk.services.ssm.model.ValidationException;

class FakeSsmTest {
  /** A clock the test moves by hand. */
  static final class StepClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  final StepClock clock = new StepClock();
  final FakeSsm ssm = new FakeSsm(clock);

  PutParameterResponse put(String name, String value) {
    return ssm.putParameter(
        PutParameterRequest.builder()
            .name(name)
            .value(value)
            .type("String")
            .overwrite(true)
            .build());
  }

  Parameter get(String name) {
    return ssm.getParameter(r -> r.name(name).withDecryption(true)).parameter();
  }

  static String chars(int n) {
    return "x".repeat(n);
  }

  @Test
  void putThenGetReturnsValueVersionArnAndClockTime() {
    put("/app/db/url", "jdbc:one");
    clock.now = clock.now.plus(Duration.ofHours(3));
    PutParameterResponse second = put("/app/db/url", "jdbc:two");

    Parameter p = get("/app/db/url");
    assertThat(second.version()).isEqualTo(2);
    assertThat(second.tierAsString()).isEqualTo("Standard");
    assertThat(p.value()).isEqualTo("jdbc:two");
    assertThat(p.version()).isEqualTo(2);
    assertThat(p.typeAsString()).isEqualTo("String");
    assertThat(p.arn()).isEqualTo("arn:aws:ssm:us-east-1:123456789012:parameter/app/db/url");
    assertThat(p.lastModifiedDate()).isEqualTo(Instant.parse("2026-01-01T03:00:00Z"));
    assertThat(p.dataType()).isEqualTo("text");
  }

  @Test
  void secondPutWithoutOverwriteIsParameterAlreadyExists() {
    put("/a", "1");
    assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/a").value("2").type("String")))
        .isInstanceOf(ParameterAlreadyExistsException.class)
        .satisfies(e -> assertThat(code(e)).isEqualTo("ParameterAlreadyExists"))
        .satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isEqualTo(400));
    assertThat(get("/a").value()).isEqualTo("1");
  }

  @Test
  void typeIsRequiredOnCreateAndKeptOnOverwrite() {
    assertThatThrownBy(() -> ssm.putParameter(r -> r.name("/t").value("v")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("parameter type is required");
    ssm.putParameter(r -> r.name("/t").value("a,b").type("StringList"));
    ssm.putParameter(r -> r.name("/t").value("c").overwrite(true));
    assertThat(get("/t").typeAsString()).isEqualTo("StringList");
  }

  @Test
  void standardTierHoldsAtMost4096Characters() {
    put("/s/ok", chars(4096));
    assertThatThrownBy(() -> put("/s/big", chars(4097)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("maximum parameter value of 4096 characters");
    assertThat(ssm.size()).isEqualTo(1);
  }

  @Test
  void advancedTierHoldsAtMost8192Characters() {
    ssm.putParameter(r -> r.name("/adv").value(chars(8192)).type("String").tier("Advanced"));
    assertThatThrownBy(
            () ->
                ssm.putParameter(
                    r -> r.name("/adv2").value(chars(8193)).type("String").tier("Advanced")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("8192");
  }

  @Test
  void intelligentTieringPromotesLargeValuesOnly() {
    PutParameterResponse small =
        ssm.putParameter(
            r -> r.name("/it/s").value("v").type("String").tier("Intelligent-Tiering"));
    PutParameterResponse large =
        ssm.putParameter(
            r -> r.name("/it/l").value(chars(4097)).type("String").tier("Intelligent-Tiering"));
    assertThat(small.tierAsString()).isEqualTo("Standard");
    assertThat(large.tierAsString()).isEqualTo("Advanced");
  }

  @Test
  void advancedCannotBeDowngradedAndStaysAdvancedWhenTierIsOmitted() {
    ssm.putParameter(r -> r.name("/adv").value("v").type("String").tier("Advanced"));
    assertThatThrownBy(
            () -> ssm.putParameter(r -> r.name("/adv").value("w").overwrite(true).tier("Standard")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("downgrade");
    assertThat(ssm.putParameter(r -> r.name("/adv").value("w").overwrite(true)).tierAsString())
        .isEqualTo("Advanced");
  }

  @Test
  void defaultTierCanBeIntelligentTiering() {
    FakeSsm store = FakeSsm.builder().clock(clock).defaultTier("Intelligent-Tiering").build();
    assertThat(
            store.putParameter(r -> r.name("/d").value(chars(5000)).type("String")).tierAsString())
        .isEqualTo("Advanced");
  }

  @Test
  void namesFollowTheServiceRules() {
    assertThatThrownBy(() -> put("/has space/x", "v")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> put("/bad*char", "v")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> put("awsThing", "v")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> put("SSM-thing", "v")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> put("/ssm/x", "v")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> put("/aws/x", "v")).isInstanceOf(AccessDeniedException.class);
    assertThatThrownBy(() -> put("a/b", "v"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("fully qualified");
    assertThatThrownBy(() -> put("/a//b", "v")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> put("/a/", "v")).isInstanceOf(ValidationException.class);
    // Surrounding spaces are trimmed by the service.
    put("  /trimmed  ", "v");
    assertThat(get("/trimmed").name()).isEqualTo("/trimmed");
    // "/top" and "top" are one parameter: they have the same ARN.
    put("top", "1");
    assertThat(get("/top").value()).isEqualTo("1");
    assertThat(ssm.size()).isEqualTo(2);
  }

  @Test
  void hierarchyHasAtMost15Levels() {
    StringBuilder name = new StringBuilder();
    for (int i = 1; i <= 15; i++) {
      name.append("/l").append(i);
    }
    put(name.toString(), "v");
    assertThatThrownBy(() -> put(name + "/l16", "v"))
        .isInstanceOf(HierarchyLevelLimitExceededException.class)
        .satisfies(e -> assertThat(code(e)).isEqualTo("HierarchyLevelLimitExceededException"));
  }

  @Test
  void nameLengthCountsTheArnPrefix() {
    String prefix = "arn:aws:ssm:us-east-1:123456789012:parameter/";
    int room = 1011 - prefix.length();
    put("/" + chars(room), "v");
    assertThatThrownBy(() -> put("/" + chars(room + 1), "v"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("1011");
  }

  @Test
  void keepsTheNewest100VersionsAndDropsTheOldest() {
    for (int i = 1; i <= 101; i++) {
      put("/v", "value-" + i);
    }
    List<ParameterHistory> history = allHistory("/v");
    assertThat(history).hasSize(100);
    assertThat(history.get(0).version()).isEqualTo(2);
    assertThat(history.get(99).value()).isEqualTo("value-101");
    assertThatThrownBy(() -> get("/v:1")).isInstanceOf(ParameterVersionNotFoundException.class);
  }

  @Test
  void aLabelledOldestVersionBlocksThe101stPut() {
    put("/v", "value-1");
    ssm.labelParameterVersion(r -> r.name("/v").parameterVersion(1L).labels("keep"));
    for (int i = 2; i <= 100; i++) {
      put("/v", "value-" + i);
    }
    assertThatThrownBy(() -> put("/v", "value-101"))
        .isInstanceOf(ParameterMaxVersionLimitExceededException.class)
        .hasMessageContaining("Version 1");
    assertThat(get("/v").version()).isEqualTo(100);
  }

  @Test
  void secureStringIsOpaqueWithoutDecryption() {
    ssm.putParameter(r -> r.name("/sec").value("s3cret").type("SecureString"));
    Parameter hidden = ssm.getParameter(r -> r.name("/sec")).parameter();
    assertThat(hidden.value()).isNotEqualTo("s3cret").doesNotContain("s3cret");
    assertThat(get("/sec").value()).isEqualTo("s3cret");
    assertThat(ssm.getParameterHistory(r -> r.name("/sec")).parameters().get(0).keyId())
        .isEqualTo("alias/aws/ssm");
  }

  @Test
  void keyIdsAreChecked() {
    assertThatThrownBy(
            () ->
                ssm.putParameter(
                    r -> r.name("/k").value("v").type("SecureString").keyId("not a key")))
        .isInstanceOf(InvalidKeyIdException.class);
    assertThatThrownBy(
            () -> ssm.putParameter(r -> r.name("/k").value("v").type("String").keyId("alias/x")))
        .isInstanceOf(ValidationException.class);
    ssm.putParameter(r -> r.name("/k").value("v").type("SecureString").keyId("alias/team"));

    FakeSsm strict = FakeSsm.builder().clock(clock).kmsKeys(Set.of("alias/known")).build();
    strict.putParameter(r -> r.name("/k").value("v").type("SecureString").keyId("alias/known"));
    assertThatThrownBy(
            () ->
                strict.putParameter(
                    r -> r.name("/k2").value("v").type("SecureString").keyId("alias/other")))
        .isInstanceOf(InvalidKeyIdException.class)
        .satisfies(e -> assertThat(code(e)).isEqualTo("InvalidKeyId"));
  }

  @Test
  void allowedPatternIsEnforcedAndCarriedToNewVersions() {
    ssm.putParameter(r -> r.name("/p").value("123").type("String").allowedPattern("\\d+"));
    assertThatThrownBy(() -> put("/p", "abc"))
        .isInstanceOf(ParameterPatternMismatchException.class);
    put("/p", "456");
    assertThatThrownBy(
            () -> ssm.putParameter(r -> r.name("/q").value("1").type("String").allowedPattern("(")))
        .isInstanceOf(InvalidAllowedPatternException.class);
  }

  @Test
  void selectorsPickVersionsAndLabels() {
    put("/sel", "one");
    put("/sel", "two");
    ssm.labelParameterVersion(r -> r.name("/sel").parameterVersion(1L).labels("prod"));
    assertThat(get("/sel:1").value()).isEqualTo("one");
    assertThat(get("/sel:1").selector()).isEqualTo(":1");
    assertThat(get("/sel:prod").value()).isEqualTo("one");
    assertThat(get("/sel").value()).isEqualTo("two");
    assertThatThrownBy(() -> get("/sel:9"))
        .isInstanceOf(ParameterVersionNotFoundException.class)
        .satisfies(e -> assertThat(code(e)).isEqualTo("ParameterVersionNotFound"));
    assertThatThrownBy(() -> get("/sel:nolabel")).isInstanceOf(ParameterNotFoundException.class);
    assertThatThrownBy(() -> get("/missing"))
        .isInstanceOf(ParameterNotFoundException.class)
        .satisfies(e -> assertThat(code(e)).isEqualTo("ParameterNotFound"));
  }

  @Test
  void getParametersListsInvalidNamesAndAcceptsAtMostTen() {
    put("/g/a", "A");
    var response = ssm.getParameters(r -> r.names("/g/a", "/g/missing", "/g/a:7"));
    assertThat(response.parameters()).extracting(Parameter::value).containsExactly("A");
    assertThat(response.invalidParameters()).containsExactly("/g/missing", "/g/a:7");
    List<String> eleven = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      eleven.add("/g/n" + i);
    }
    assertThatThrownBy(() -> ssm.getParameters(r -> r.names(eleven)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("less than or equal to 10");
  }

  @Test
  void byPathIsOneLevelOrRecursive() {
    put("/app/a", "1");
    put("/app/b", "2");
    put("/app/sub/c", "3");
    put("/other/d", "4");
    assertThat(names(ssm.getParametersByPath(r -> r.path("/app"))))
        .containsExactly("/app/a", "/app/b");
    assertThat(names(ssm.getParametersByPath(r -> r.path("/app/").recursive(true))))
        .containsExactly("/app/a", "/app/b", "/app/sub/c");
    assertThat(names(ssm.getParametersByPath(r -> r.path("/").recursive(true)))).hasSize(4);
  }

  @Test
  void byPathPagesWithMaxResultsAndNextToken() {
    for (int i = 0; i < 7; i++) {
      put("/page/p" + i, "v" + i);
    }
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String t = token;
      GetParametersByPathResponse page =
          ssm.getParametersByPath(r -> r.path("/page").maxResults(3).nextToken(t));
      assertThat(page.parameters().size()).isLessThanOrEqualTo(3);
      seen.addAll(names(page));
      token = page.nextToken();
      pages++;
    } while (token != null);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(7).doesNotHaveDuplicates();
    assertThatThrownBy(() -> ssm.getParametersByPath(r -> r.path("/page").maxResults(11)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> ssm.getParametersByPath(r -> r.path("/page").nextToken("garbage!")))
        .isInstanceOf(InvalidNextTokenException.class);
  }

  @Test
  void byPathFiltersOnTypeAndLabel() {
    put("/f/plain", "1");
    ssm.putParameter(r -> r.name("/f/secret").value("2").type("SecureString"));
    put("/f/labelled", "old");
    put("/f/labelled", "new");
    ssm.labelParameterVersion(r -> r.name("/f/labelled").parameterVersion(1L).labels("stable"));

    assertThat(
            names(
                ssm.getParametersByPath(
                    r ->
                        r.path("/f")
                            .parameterFilters(
                                ParameterStringFilter.builder()
                                    .key("Type")
                                    .option("Equals")
                                    .values("SecureString")
                                    .build()))))
        .containsExactly("/f/secret");
    var labelled =
        ssm.getParametersByPath(
            r ->
                r.path("/f")
                    .parameterFilters(
                        ParameterStringFilter.builder()
                            .key("Label")
                            .option("Equals")
                            .values("stable")
                            .build()));
    assertThat(labelled.parameters()).extracting(Parameter::value).containsExactly("old");
    assertThatThrownBy(
            () ->
                ssm.getParametersByPath(
                    r ->
                        r.path("/f")
                            .parameterFilters(
                                ParameterStringFilter.builder()
                                    .key("Name")
                                    .values("/f/plain")
                                    .build())))
        .isInstanceOf(InvalidFilterKeyException.class);
  }

  @Test
  void labelsMoveBetweenVersionsAndBadLabelsAreReported() {
    put("/l", "1");
    put("/l", "2");
    ssm.labelParameterVersion(r -> r.name("/l").parameterVersion(1L).labels("blue"));
    var response =
        ssm.labelParameterVersion(r -> r.name("/l").labels("blue", "1abc", "aws-x", "ssmy", "a b"));
    assertThat(response.parameterVersion()).isEqualTo(2);
    assertThat(response.invalidLabels()).containsExactly("1abc", "aws-x", "ssmy", "a b");
    List<ParameterHistory> history = allHistory("/l");
    assertThat(history.get(0).labels()).isEmpty();
    assertThat(history.get(1).labels()).containsExactly("blue");
    assertThatThrownBy(
            () -> ssm.labelParameterVersion(r -> r.name("/l").parameterVersion(5L).labels("x")))
        .isInstanceOf(ParameterVersionNotFoundException.class);
    assertThatThrownBy(() -> ssm.labelParameterVersion(r -> r.name("/l").labels(chars(101))))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void aVersionHoldsAtMostTenLabels() {
    put("/l", "1");
    ssm.labelParameterVersion(
        r -> r.name("/l").labels("l1", "l2", "l3", "l4", "l5", "l6", "l7", "l8", "l9", "l10"));
    assertThatThrownBy(() -> ssm.labelParameterVersion(r -> r.name("/l").labels("l11")))
        .isInstanceOf(ParameterVersionLabelLimitExceededException.class);
    var unlabel =
        ssm.unlabelParameterVersion(r -> r.name("/l").parameterVersion(1L).labels("l1", "zz"));
    assertThat(unlabel.removedLabels()).containsExactly("l1");
    assertThat(unlabel.invalidLabels()).containsExactly("zz");
    ssm.labelParameterVersion(r -> r.name("/l").labels("l11"));
  }

  @Test
  void historyPages() {
    for (int i = 1; i <= 5; i++) {
      put("/h", "v" + i);
    }
    var first = ssm.getParameterHistory(r -> r.name("/h").maxResults(2));
    assertThat(first.parameters()).extracting(ParameterHistory::version).containsExactly(1L, 2L);
    var second =
        ssm.getParameterHistory(r -> r.name("/h").maxResults(2).nextToken(first.nextToken()));
    assertThat(second.parameters()).extracting(ParameterHistory::version).containsExactly(3L, 4L);
    assertThat(allHistory("/h")).hasSize(5);
    assertThatThrownBy(() -> ssm.getParameterHistory(r -> r.name("/h").maxResults(51)))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> ssm.getParameterHistory(r -> r.name("/nope")))
        .isInstanceOf(ParameterNotFoundException.class);
  }

  @Test
  void deleteOneOrMany() {
    put("/d/a", "1");
    put("/d/b", "2");
    ssm.deleteParameter(r -> r.name("/d/a"));
    assertThatThrownBy(() -> ssm.deleteParameter(r -> r.name("/d/a")))
        .isInstanceOf(ParameterNotFoundException.class);
    var many = ssm.deleteParameters(r -> r.names("/d/b", "/d/zz"));
    assertThat(many.deletedParameters()).containsExactly("/d/b");
    assertThat(many.invalidParameters()).containsExactly("/d/zz");
    assertThat(ssm.size()).isZero();
    // A re-created parameter starts again at version 1.
    assertThat(put("/d/a", "again").version()).isEqualTo(1);
  }

  @Test
  void tagsAreSetOnCreateOnlyAndListed() {
    ssm.putParameter(
        r ->
            r.name("/tag")
                .value("v")
                .type("String")
                .tags(Tag.builder().key("team").value("data").build()));
    assertThatThrownBy(
            () ->
                ssm.putParameter(
                    r ->
                        r.name("/tag")
                            .value("w")
                            .overwrite(true)
                            .tags(Tag.builder().key("team").value("x").build())))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("tags and overwrite");
    ssm.addTagsToResource(
        r ->
            r.resourceType("Parameter")
                .resourceId("/tag")
                .tags(Tag.builder().key("env").value("dev").build()));
    var tags =
        ssm.listTagsForResource(r -> r.resourceType("Parameter").resourceId("/tag")).tagList();
    assertThat(tags)
        .extracting(t -> t.key() + "=" + t.value())
        .containsExactly("team=data", "env=dev");
  }

  @Test
  void parameterQuotaIsEnforcedPerTier() {
    FakeSsm small = FakeSsm.builder().clock(clock).standardParameterLimit(2).build();
    small.putParameter(r -> r.name("/q1").value("v").type("String"));
    small.putParameter(r -> r.name("/q2").value("v").type("String"));
    assertThatThrownBy(() -> small.putParameter(r -> r.name("/q3").value("v").type("String")))
        .isInstanceOf(ParameterLimitExceededException.class);
    // Overwriting an existing parameter is not a new parameter.
    small.putParameter(r -> r.name("/q2").value("w").overwrite(true));
    small.putParameter(r -> r.name("/q3").value("v").type("String").tier("Advanced"));
  }

  List<ParameterHistory> allHistory(String name) {
    List<ParameterHistory> all = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      var page = ssm.getParameterHistory(r -> r.name(name).withDecryption(true).nextToken(t));
      all.addAll(page.parameters());
      token = page.nextToken();
    } while (token != null);
    return all;
  }

  static List<String> names(GetParametersByPathResponse response) {
    return response.parameters().stream().map(Parameter::name).toList();
  }

  static String code(Throwable e) {
    return ((AwsServiceException) e).awsErrorDetails().errorCode();
  }
}

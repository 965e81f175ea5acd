package io.emrlaunch.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.AccessDeniedException;
import software.amazon.awssdk.services.ssm.model.GetParametersByPathResponse;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterHistory;
import software.amazon.awssdk.services.ssm.model.ParameterMaxVersionLimitExceededException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterStringFilter;
import software.amazon.awssdk.services.ssm.model.ParameterVersionNotFoundException;
import software.amazon.awssdk.services.ssm.model.PutParameterResponse;
import software.amazon.awssdk.services.ssm.model.Tag;
import software.amazon.awssdk.services.ssm.model.ValidationException;

/**
 * SSM scenarios that must give the same observable results on {@code FakeSsm} and on moto. The
 * {@code limit*} scenarios pin down where the fake is deliberately more faithful to AWS than moto
 * 5.2.1: each asserts the AWS behaviour when {@link #enforcesServiceLimits()} and moto's laxer
 * behaviour otherwise, so a moto upgrade that closes a gap shows up as a failing test.
 */
abstract class SsmConformance {

  /** The client under test; fresh (empty) state for every test. */
  abstract SsmClient ssm();

  /** True for the fake (AWS limits), false for moto (documented gaps). */
  abstract boolean enforcesServiceLimits();

  PutParameterResponse put(String name, String value) {
    return ssm().putParameter(r -> r.name(name).value(value).type("String").overwrite(true));
  }

  Parameter get(String name) {
    return ssm().getParameter(r -> r.name(name).withDecryption(true)).parameter();
  }

  static String code(Throwable e) {
    return ((AwsServiceException) e).awsErrorDetails().errorCode();
  }

  @Test
  void putThenGet() {
    PutParameterResponse put =
        ssm().putParameter(r -> r.name("/conf/app/url").value("jdbc:x").type("String"));
    Parameter p = get("/conf/app/url");
    assertThat(put.version()).isEqualTo(1);
    assertThat(p.name()).isEqualTo("/conf/app/url");
    assertThat(p.value()).isEqualTo("jdbc:x");
    assertThat(p.typeAsString()).isEqualTo("String");
    assertThat(p.version()).isEqualTo(1);
    assertThat(p.arn()).endsWith(":parameter/conf/app/url");
    assertThat(p.lastModifiedDate()).isNotNull();
  }

  @Test
  void overwriteAddsAVersionAndPutWithoutOverwriteFails() {
    put("/conf/o", "1");
    assertThat(put("/conf/o", "2").version()).isEqualTo(2);
    assertThatThrownBy(() -> ssm().putParameter(r -> r.name("/conf/o").value("3").type("String")))
        .isInstanceOf(ParameterAlreadyExistsException.class)
        .satisfies(e -> assertThat(code(e)).isEqualTo("ParameterAlreadyExists"));
    assertThat(get("/conf/o").value()).isEqualTo("2");
  }

  @Test
  void typeIsRequiredOnCreate() {
    assertThatThrownBy(() -> ssm().putParameter(r -> r.name("/conf/notype").value("v")))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void missingParameterIsParameterNotFound() {
    assertThatThrownBy(() -> get("/conf/missing"))
        .isInstanceOf(ParameterNotFoundException.class)
        .satisfies(e -> assertThat(code(e)).isEqualTo("ParameterNotFound"));
  }

  @Test
  void versionAndLabelSelectors() {
    put("/conf/sel", "one");
    put("/conf/sel", "two");
    ssm().labelParameterVersion(r -> r.name("/conf/sel").parameterVersion(1L).labels("prod"));
    assertThat(get("/conf/sel:1").value()).isEqualTo("one");
    assertThat(get("/conf/sel:1").version()).isEqualTo(1);
    assertThat(get("/conf/sel:prod").value()).isEqualTo("one");
    assertThat(get("/conf/sel").value()).isEqualTo("two");
    assertThatThrownBy(() -> get("/conf/sel:7"))
        .isInstanceOf(ParameterVersionNotFoundException.class)
        .satisfies(e -> assertThat(code(e)).isEqualTo("ParameterVersionNotFound"));
  }

  @Test
  void getParametersReportsInvalidNames() {
    put("/conf/g/a", "A");
    var response = ssm().getParameters(r -> r.names("/conf/g/a", "/conf/g/missing"));
    assertThat(response.parameters()).extracting(Parameter::value).containsExactly("A");
    assertThat(response.invalidParameters()).containsExactly("/conf/g/missing");
    List<String> eleven = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      eleven.add("/conf/g/n" + i);
    }
    assertThatThrownBy(() -> ssm().getParameters(r -> r.names(eleven)))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void byPathOneLevelAndRecursive() {
    put("/conf/p/a", "1");
    put("/conf/p/b", "2");
    put("/conf/p/sub/c", "3");
    put("/conf/other/d", "4");
    assertThat(names(ssm().getParametersByPath(r -> r.path("/conf/p"))))
        .containsExactlyInAnyOrder("/conf/p/a", "/conf/p/b");
    assertThat(names(ssm().getParametersByPath(r -> r.path("/conf/p/").recursive(true))))
        .containsExactlyInAnyOrder("/conf/p/a", "/conf/p/b", "/conf/p/sub/c");
  }

  @Test
  void byPathPages() {
    for (int i = 0; i < 5; i++) {
      put("/conf/page/p" + i, "v" + i);
    }
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String t = token;
      GetParametersByPathResponse page =
          ssm().getParametersByPath(r -> r.path("/conf/page").maxResults(2).nextToken(t));
      assertThat(page.parameters()).hasSizeLessThanOrEqualTo(2);
      seen.addAll(names(page));
      token = page.nextToken();
      pages++;
    } while (token != null && pages < 10);
    assertThat(seen).hasSize(5).doesNotHaveDuplicates();
    assertThat(pages).isGreaterThanOrEqualTo(3);
    assertThatThrownBy(() -> ssm().getParametersByPath(r -> r.path("/conf/page").maxResults(11)))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void byPathLabelFilter() {
    put("/conf/f/a", "1");
    put("/conf/f/b", "2");
    ssm().labelParameterVersion(r -> r.name("/conf/f/b").labels("stable"));
    var response =
        ssm()
            .getParametersByPath(
                r ->
                    r.path("/conf/f")
                        .parameterFilters(
                            ParameterStringFilter.builder()
                                .key("Label")
                                .option("Equals")
                                .values("stable")
                                .build()));
    assertThat(names(response)).containsExactly("/conf/f/b");
  }

  @Test
  void labelsMoveAndInvalidLabelsAreReported() {
    put("/conf/l", "1");
    put("/conf/l", "2");
    ssm().labelParameterVersion(r -> r.name("/conf/l").parameterVersion(1L).labels("blue"));
    var response =
        ssm().labelParameterVersion(r -> r.name("/conf/l").labels("blue", "1abc", "aws-x"));
    assertThat(response.parameterVersion()).isEqualTo(2);
    assertThat(response.invalidLabels()).containsExactlyInAnyOrder("1abc", "aws-x");
    List<ParameterHistory> history = history("/conf/l");
    assertThat(history).extracting(ParameterHistory::version).containsExactly(1L, 2L);
    assertThat(history.get(0).labels()).isEmpty();
    assertThat(history.get(1).labels()).containsExactly("blue");
  }

  @Test
  void historyPages() {
    for (int i = 1; i <= 5; i++) {
      put("/conf/h", "v" + i);
    }
    var first = ssm().getParameterHistory(r -> r.name("/conf/h").maxResults(2));
    assertThat(first.parameters()).extracting(ParameterHistory::version).containsExactly(1L, 2L);
    assertThat(first.nextToken()).isNotNull();
    assertThat(history("/conf/h"))
        .extracting(ParameterHistory::value)
        .containsExactly("v1", "v2", "v3", "v4", "v5");
  }

  @Test
  void deleteOneAndMany() {
    put("/conf/d/a", "1");
    put("/conf/d/b", "2");
    ssm().deleteParameter(r -> r.name("/conf/d/a"));
    assertThatThrownBy(() -> ssm().deleteParameter(r -> r.name("/conf/d/a")))
        .isInstanceOf(ParameterNotFoundException.class);
    var many = ssm().deleteParameters(r -> r.names("/conf/d/b", "/conf/d/zz"));
    assertThat(many.deletedParameters()).containsExactly("/conf/d/b");
    assertThat(many.invalidParameters()).containsExactly("/conf/d/zz");
  }

  @Test
  void secureStringNeedsDecryption() {
    ssm().putParameter(r -> r.name("/conf/sec").value("s3cret").type("SecureString"));
    assertThat(get("/conf/sec").value()).isEqualTo("s3cret");
    assertThat(ssm().getParameter(r -> r.name("/conf/sec")).parameter().value())
        .isNotEqualTo("s3cret");
  }

  @Test
  void tagsAndOverwriteCannotBeCombined() {
    assertThatThrownBy(
            () ->
                ssm()
                    .putParameter(
                        r ->
                            r.name("/conf/t")
                                .value("v")
                                .type("String")
                                .overwrite(true)
                                .tags(Tag.builder().key("k").value("v").build())))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void reservedAwsTreeIsAccessDenied() {
    assertThatThrownBy(() -> put("/aws/mine", "v")).isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void the101stVersionDropsTheOldest() {
    for (int i = 1; i <= 101; i++) {
      put("/conf/v", "value-" + i);
    }
    List<ParameterHistory> history = history("/conf/v");
    assertThat(history).hasSize(100);
    assertThat(history.get(0).version()).isEqualTo(2);
    assertThat(get("/conf/v").version()).isEqualTo(101);
  }

  @Test
  void aLabelledOldestVersionBlocksThe101stPut() {
    put("/conf/lv", "value-1");
    ssm().labelParameterVersion(r -> r.name("/conf/lv").parameterVersion(1L).labels("keep"));
    for (int i = 2; i <= 100; i++) {
      put("/conf/lv", "value-" + i);
    }
    assertThatThrownBy(() -> put("/conf/lv", "value-101"))
        .isInstanceOf(ParameterMaxVersionLimitExceededException.class);
  }

  // ----- where the fake follows AWS and moto 5.2.1 does not ------------------------------------

  @Test
  void limitStandardValueIs4096Characters() {
    put("/conf/size/ok", "x".repeat(4096));
    if (enforcesServiceLimits()) {
      assertThatThrownBy(() -> put("/conf/size/big", "x".repeat(4097)))
          .isInstanceOf(ValidationException.class);
    } else {
      assertThat(put("/conf/size/big", "x".repeat(4097)).tierAsString()).isEqualTo("Standard");
    }
  }

  @Test
  void limitIntelligentTieringPromotesLargeValues() {
    String tier =
        ssm()
            .putParameter(
                r ->
                    r.name("/conf/it")
                        .value("x".repeat(5000))
                        .type("String")
                        .tier("Intelligent-Tiering"))
            .tierAsString();
    assertThat(tier).isEqualTo(enforcesServiceLimits() ? "Advanced" : "Intelligent-Tiering");
  }

  @Test
  void limitAdvancedCannotBeDowngraded() {
    ssm().putParameter(r -> r.name("/conf/adv").value("v").type("String").tier("Advanced"));
    if (enforcesServiceLimits()) {
      assertThatThrownBy(
              () ->
                  ssm()
                      .putParameter(
                          r -> r.name("/conf/adv").value("w").overwrite(true).tier("Standard")))
          .isInstanceOf(ValidationException.class);
    } else {
      ssm().putParameter(r -> r.name("/conf/adv").value("w").overwrite(true).tier("Standard"));
    }
  }

  @Test
  void limitNamesCannotContainSpaces() {
    if (enforcesServiceLimits()) {
      assertThatThrownBy(() -> put("/conf/with space", "v"))
          .isInstanceOf(ValidationException.class);
    } else {
      put("/conf/with space", "v");
    }
  }

  @Test
  void limitHierarchyHasAtMost15Levels() {
    String sixteen = "/l1/l2/l3/l4/l5/l6/l7/l8/l9/l10/l11/l12/l13/l14/l15/l16";
    if (enforcesServiceLimits()) {
      assertThatThrownBy(() -> put(sixteen, "v"))
          .satisfies(e -> assertThat(code(e)).isEqualTo("HierarchyLevelLimitExceededException"));
    } else {
      put(sixteen, "v");
    }
  }

  List<ParameterHistory> history(String name) {
    List<ParameterHistory> all = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      var page = ssm().getParameterHistory(r -> r.name(name).withDecryption(true).nextToken(t));
      all.addAll(page.parameters());
      token = page.nextToken();
    } while (token != null);
    return all;
  }

  static List<String> names(GetParametersByPathResponse response) {
    return response.parameters().stream().map(Parameter::name).toList();
  }
}

package io.emrlaunch.stepfunctions.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PolicyDocumentTest {
  private static final String T1 = "arn:aws:sns:us-east-1:123456789012:a";
  private static final String T2 = "arn:aws:sns:us-east-1:123456789012:b";

  @Test
  void sameResourcesJoinActionsAndSameActionsJoinResources() {
    PolicyDocument doc =
        PolicyDocument.of(
            PolicyStatement.allow().actions("sns:Publish").resources(T1).build(),
            PolicyStatement.allow().actions("sns:GetTopicAttributes").resources(T1).build(),
            PolicyStatement.allow()
                .actions("sns:Publish", "sns:GetTopicAttributes")
                .resources(T2)
                .build(),
            PolicyStatement.allow().actions("sns:Publish").resources(T1).build());
    assertThat(doc.statements()).hasSize(1);
    PolicyStatement s = doc.statements().get(0);
    assertThat(s.actions()).containsExactly("sns:GetTopicAttributes", "sns:Publish");
    assertThat(s.resources()).containsExactly(T1, T2);
  }

  @Test
  void conditionsKeepStatementsApart() {
    PolicyDocument doc =
        PolicyDocument.of(
            PolicyStatement.allow()
                .actions("iam:PassRole")
                .resources("arn:aws:iam::1:role/a")
                .condition("StringLike", "iam:PassedToService", "ec2.amazonaws.com*")
                .build(),
            PolicyStatement.allow()
                .actions("iam:PassRole")
                .resources("arn:aws:iam::1:role/b")
                .condition("StringLike", "iam:PassedToService", "elasticmapreduce.amazonaws.com*")
                .build());
    assertThat(doc.statements()).hasSize(2);
  }

  @Test
  void wildcardResourceAbsorbsTheOthers() {
    PolicyDocument doc =
        PolicyDocument.of(
            PolicyStatement.allow().actions("elasticmapreduce:RunJobFlow").resources("*").build(),
            PolicyStatement.allow()
                .actions("elasticmapreduce:RunJobFlow")
                .resources("arn:aws:elasticmapreduce:us-east-1:1:cluster/*")
                .build());
    assertThat(doc.statements()).hasSize(1);
    assertThat(doc.statements().get(0).resources()).containsExactly("*");
  }

  @Test
  void orderOfInputNeverChangesTheJson() {
    List<PolicyStatement> statements = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      statements.add(
          PolicyStatement.allow()
              .actions("svc" + (i % 3) + ":Act" + (i % 4))
              .resources("arn:aws:svc:us-east-1:1:r/" + (i % 5))
              .build());
    }
    String expected = PolicyDocument.of(statements).toJson();
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int round = 0; round < 50; round++) {
      List<PolicyStatement> shuffled = new ArrayList<>(statements);
      Collections.shuffle(shuffled, random);
      assertThat(PolicyDocument.of(shuffled).toJson()).as("seed " + seed).isEqualTo(expected);
    }
  }

  @Test
  void rendersIamJson() throws Exception {
    PolicyDocument doc =
        PolicyDocument.of(
            PolicyStatement.allow()
                .sid("Publish")
                .actions("sns:Publish")
                .resources(T1, T2)
                .build());
    JsonNode json = new ObjectMapper().readTree(doc.toJson());
    assertThat(json.get("Version").asText()).isEqualTo("2012-10-17");
    JsonNode s = json.get("Statement").get(0);
    assertThat(s.get("Sid").asText()).isEqualTo("Publish");
    assertThat(s.get("Effect").asText()).isEqualTo("Allow");
    assertThat(s.get("Action").asText()).isEqualTo("sns:Publish");
    assertThat(s.get("Resource").isArray()).isTrue();
    assertThat(doc.toJson()).contains("\"Version\": \"2012-10-17\"");
    assertThat(new ObjectMapper().readTree(doc.toCompactJson())).isEqualTo(json);
  }

  @Test
  void badStatementsAreRejected() {
    assertThatThrownBy(() -> PolicyStatement.allow().resources("*").build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> PolicyStatement.allow().sid("has space"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PolicyStatement.allow().actions(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void trustPolicyForStepFunctionsWithConfusedDeputyGuard() throws Exception {
    JsonNode open = new ObjectMapper().readTree(TrustPolicy.forStepFunctions().toJson());
    assertThat(open.at("/Statement/0/Principal/Service").asText())
        .isEqualTo("states.amazonaws.com");
    assertThat(open.at("/Statement/0/Action").asText()).isEqualTo("sts:AssumeRole");
    assertThat(open.at("/Statement/0/Resource").isMissingNode()).isTrue();

    JsonNode guarded =
        new ObjectMapper()
            .readTree(TrustPolicy.forStepFunctions("cn-north-1", "123456789012", "etl").toJson());
    assertThat(guarded.at("/Statement/0/Condition/StringEquals/aws:SourceAccount").asText())
        .isEqualTo("123456789012");
    assertThat(guarded.at("/Statement/0/Condition/ArnLike/aws:SourceArn").asText())
        .isEqualTo("arn:aws-cn:states:cn-north-1:123456789012:stateMachine:etl");
  }

  @Test
  void partitionsFollowTheRegion() {
    assertThat(Partition.ofRegion("eu-west-1")).isEqualTo(Partition.AWS);
    assertThat(Partition.ofRegion("cn-northwest-1")).isEqualTo(Partition.AWS_CN);
    assertThat(Partition.ofRegion("us-gov-east-1")).isEqualTo(Partition.AWS_US_GOV);
    assertThat(Partition.ofRegion("us-isob-east-1")).isEqualTo(Partition.AWS_ISO_B);
    assertThat(Partition.ofRegion("us-iso-east-1")).isEqualTo(Partition.AWS_ISO);
    assertThat(Partition.ofId("aws-us-gov")).isEqualTo(Partition.AWS_US_GOV);
    assertThat(Partition.ofId("nope")).isNull();
  }
}

package io.emrlaunch.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.S3Encryption;
import io.emrlaunch.core.model.SecurityConfiguration;
import io.emrlaunch.ssm.SsmRecordStore;
import io.emrlaunch.testkit.FakeAws;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.iam.IamAsyncClient;
import software.amazon.awssdk.services.ssm.SsmAsyncClient;

/**
 * The example of docs/provisioning.md runs here: the code between the {@code doc:start} and {@code
 * doc:end} markers below must be the doc's {@code java} block, line for line.
 */
class ProvisioningDocExampleTest {
  static final Path DOC = Path.of("..", "docs", "provisioning.md");
  static final Path SELF =
      Path.of("src/test/java/io/emrlaunch/provisioning/ProvisioningDocExampleTest.java");

  @Test
  void theDocsExampleRuns() {
    FakeAws aws = FakeAws.create();
    IamAsyncClient iam = aws.iamAsync();
    Ec2AsyncClient ec2 = aws.ec2Async();
    EmrAsyncClient emr = aws.emrAsync();
    SsmAsyncClient ssm = aws.ssmAsync();
    String vpcId = aws.ec2().createVpc(r -> r.cidrBlock("10.0.0.0/16")).vpc().vpcId();

    // doc:start
    ProfileProvisioner provisioner =
        ProfileProvisioner.builder()
            .iam(iam)
            .ec2(ec2)
            .emr(emr)
            .store(SsmRecordStore.builder().client(ssm).build())
            .region(Region.US_EAST_1)
            .accountId("123456789012")
            .build();

    String key = "arn:aws:kms:us-east-1:123456789012:key/1111-2222";
    ProvisioningSpec spec =
        ProvisioningSpec.builder()
            .namespace("team-a")
            .name("analytics")
            .vpcId(vpcId)
            .logsBucket("team-a-logs")
            .logsPrefix("emr/")
            .artifactsBucket("team-a-code")
            .artifactsPrefix("jobs/")
            .addKmsKeyArn(key)
            .glueCatalog(true)
            .putTag("cost-center", "42")
            .securityConfiguration(
                SecurityConfiguration.builder().s3Encryption(S3Encryption.sseKms(key)).build())
            .build();

    ProvisioningPlan plan = provisioner.plan(spec).join(); // read calls only
    System.out.println(plan); // CREATE SERVICE_ROLE team-a_analytics-ServiceRole: ...

    EmrProfile profile = provisioner.apply(spec).join().profile().orElseThrow();
    // Launch with it: ClusterLauncher, or by reference (team-a, analytics) from the store.

    boolean nothingToDo = provisioner.plan(spec).join().isNoOp(); // true: apply is idempotent
    // doc:end

    assertThat(plan.changes()).allMatch(c -> c.action() == ChangeAction.CREATE);
    assertThat(profile.serviceRole())
        .isEqualTo("arn:aws:iam::123456789012:role/team-a_analytics-ServiceRole");
    assertThat(profile.masterSecurityGroup()).isPresent();
    assertThat(nothingToDo).isTrue();
  }

  @Test
  void theDocShowsExactlyThisCode() throws Exception {
    assertThat(docBlock()).isEqualTo(markedLines());
  }

  static List<String> docBlock() throws Exception {
    List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
    int marker = lines.indexOf("<!-- example: ProvisioningDocExampleTest -->");
    assertThat(marker).as("example marker in " + DOC).isNotNegative();
    // DocsTest's markers (<!-- snippet: ... -->) may stand between the example marker and the fence
    int fence = marker + 1;
    while (lines.get(fence).startsWith("<!-- snippet:")) {
      fence++;
    }
    assertThat(lines.get(fence)).isEqualTo("```java");
    List<String> block = new ArrayList<>();
    for (int i = fence + 1; !lines.get(i).equals("```"); i++) {
      block.add(lines.get(i));
    }
    return block;
  }

  static List<String> markedLines() throws Exception {
    List<String> lines = Files.readAllLines(SELF, StandardCharsets.UTF_8);
    int start = -1;
    int end = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals("// doc:start")) {
        start = i;
      } else if (lines.get(i).strip().equals("// doc:end")) {
        end = i;
      }
    }
    String indent = lines.get(start).substring(0, lines.get(start).indexOf("//"));
    List<String> result = new ArrayList<>();
    for (String line : lines.subList(start + 1, end)) {
      result.add(line.startsWith(indent) ? line.substring(indent.length()) : line.strip());
    }
    return result;
  }
}

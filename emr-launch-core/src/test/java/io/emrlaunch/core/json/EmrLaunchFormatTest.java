package io.emrlaunch.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.core.model.AllowedOverride;
import io.emrlaunch.core.model.OverrideType;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import org.junit.jupiter.api.Test;

class EmrLaunchFormatTest {
  private final EmrLaunchFormat<AllowedOverride> codec = EmrLaunchFormat.of(AllowedOverride.class);

  @Test
  void roundTripsWithSchemaVersionFirst() {
    AllowedOverride o =
        AllowedOverride.builder()
            .name("CoreInstanceCount")
            .path("instances.coreGroup.instanceCount")
            .type(OverrideType.INTEGER)
            .minimum(0.0)
            .maximum(50.0)
            .build();
    String json = codec.write(o);
    assertThat(json).startsWith("{\"schemaVersion\":1,");
    assertThat(codec.read(json)).isEqualTo(o);
  }

  @Test
  void unknownFieldsAndMissingVersionAreTolerated() {
    AllowedOverride o =
        codec.read("{\"name\":\"A\",\"path\":\"releaseLabel\",\"future\":{\"x\":1}}");
    assertThat(o.type()).isEqualTo(OverrideType.STRING);
  }

  @Test
  void errorsNameTheField() {
    assertThatThrownBy(() -> codec.read("{\"name\":\"A\",\"path\":\"p\",\"type\":\"COLOUR\"}"))
        .isInstanceOf(ValidationException.class)
        .extracting(e -> ((ValidationException) e).problems().get(0))
        .satisfies(
            p -> {
              assertThat(p.path()).isEqualTo("type");
              assertThat(p.message()).contains("COLOUR").contains("INTEGER");
            });
    assertThatThrownBy(() -> codec.read("{\"path\":\"p\"}"))
        .isInstanceOf(ValidationException.class)
        .satisfies(
            e ->
                assertThat(((ValidationException) e).problems())
                    .containsExactly(Problem.of("name", "is required")));
    assertThatThrownBy(() -> codec.read("{not json"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("is not valid JSON");
    assertThatThrownBy(() -> codec.read("{\"schemaVersion\":99,\"name\":\"A\",\"path\":\"p\"}"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("schemaVersion: is 99, newer than this library reads");
  }

  @Test
  void recordRefsParseAndRender() {
    assertThat(RecordRef.parse("team/profile")).isEqualTo(RecordRef.of("team", "profile"));
    assertThat(RecordRef.parse("profile").toString()).isEqualTo("default/profile");
    assertThatThrownBy(() -> RecordRef.parse("aws/x"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("namespace: must not start with 'aws'");
  }
}

package io.emrlaunch.stepfunctions.asl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.stepfunctions.asl.Payload;
import io.emrlaunch.stepfunctions.internal.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CompactFieldsTest {

  /** Random operations on both maps; after each, the same content in the same order. */
  @Test
  void behavesAsALinkedHashMapUnderRandomOperations() {
    Random random = new Random(18);
    for (int round = 0; round < 2_000; round++) {
      Map<String, JsonNode> expected = new LinkedHashMap<>();
      CompactFields actual = new CompactFields(random.nextInt(5));
      for (int op = 0; op < 60; op++) {
        String key = "k" + random.nextInt(12);
        JsonNode value = IntNode.valueOf(random.nextInt(100));
        switch (random.nextInt(8)) {
          case 0, 1, 2 -> assertThat(actual.put(key, value)).isEqualTo(expected.put(key, value));
          case 3 -> assertThat(actual.remove(key)).isEqualTo(expected.remove(key));
          case 4 -> {
            // remove through the iterator every entry whose value is even
            Iterator<Map.Entry<String, JsonNode>> a = actual.entrySet().iterator();
            Iterator<Map.Entry<String, JsonNode>> e = expected.entrySet().iterator();
            while (e.hasNext()) {
              assertThat(a.hasNext()).isTrue();
              Map.Entry<String, JsonNode> ea = a.next();
              Map.Entry<String, JsonNode> ee = e.next();
              assertThat(ea).isEqualTo(ee);
              assertThat(ea.hashCode()).isEqualTo(ee.hashCode());
              if (ee.getValue().intValue() % 2 == 0) {
                a.remove();
                e.remove();
              }
            }
            assertThat(a.hasNext()).isFalse();
          }
          case 5 -> {
            for (Map.Entry<String, JsonNode> entry : actual.entrySet()) {
              if (entry.getKey().equals(key)) {
                entry.setValue(value);
                expected.put(key, value);
              }
            }
          }
          case 6 -> {
            assertThat(actual.get(key)).isEqualTo(expected.get(key));
            assertThat(actual.containsKey(key)).isEqualTo(expected.containsKey(key));
          }
          default -> {
            if (random.nextInt(10) == 0) {
              actual.clear();
              expected.clear();
            }
          }
        }
        assertThat(new ArrayList<>(actual.entrySet()))
            .isEqualTo(new ArrayList<>(expected.entrySet()));
        assertThat(new ArrayList<>(actual.keySet())).isEqualTo(new ArrayList<>(expected.keySet()));
        assertThat(actual).isEqualTo(expected);
        assertThat(expected).isEqualTo(actual);
        assertThat(actual.hashCode()).isEqualTo(expected.hashCode());
        assertThat(actual.size()).isEqualTo(expected.size());
      }
    }
  }

  @Test
  void aNodeOnCompactFieldsIsEqualToTheParsedNodeAndWritesTheSameText() throws Exception {
    ObjectNode built =
        Payload.object()
            .put("Name", "step")
            .path("ClusterId", "$.cluster.id")
            .put("Step", Payload.object().put("ActionOnFailure", "CONTINUE").put("Args", 3))
            .putStrings("List", "a", "b")
            .toJson();
    String text =
        "{\"Name\":\"step\",\"ClusterId.$\":\"$.cluster.id\","
            + "\"Step\":{\"ActionOnFailure\":\"CONTINUE\",\"Args\":3},\"List\":[\"a\",\"b\"]}";
    JsonNode parsed = Json.MAPPER.readTree(text);
    ObjectNode compact = new ObjectNode(JsonNodeFactory.instance, new CompactFields(1));
    parsed.fields().forEachRemaining(e -> compact.set(e.getKey(), e.getValue()));

    assertThat(compact).isEqualTo(parsed);
    assertThat(parsed).isEqualTo(compact);
    assertThat(built).isEqualTo(parsed);
    assertThat(compact.hashCode()).isEqualTo(parsed.hashCode());
    assertThat(Json.MAPPER.writeValueAsString(compact)).isEqualTo(text);
    assertThat(compact.deepCopy()).isEqualTo(parsed);
    compact.remove("Step");
    compact.put("Name", "other");
    assertThat(Json.MAPPER.writeValueAsString(compact))
        .isEqualTo("{\"Name\":\"other\",\"ClusterId.$\":\"$.cluster.id\",\"List\":[\"a\",\"b\"]}");
    List<String> names = new ArrayList<>();
    compact.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("Name", "ClusterId.$", "List");
  }
}

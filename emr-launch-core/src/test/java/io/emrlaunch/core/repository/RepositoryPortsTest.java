package io.emrlaunch.core.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.RecordRef;
import io.emrlaunch.core.validation.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RepositoryPortsTest {

  @Test
  void selectorsAndConditionsCheckTheirInput() {
    assertThat(VersionSelector.latest().isLatest()).isTrue();
    assertThat(VersionSelector.version(3).versionNumber()).hasValue(3);
    assertThat(VersionSelector.label("prod").labelName()).contains("prod");
    assertThat(VersionSelector.label("prod")).isEqualTo(VersionSelector.label("prod"));
    assertThatThrownBy(() -> VersionSelector.version(0))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("version");
    for (String bad : new String[] {"1abc", "aws-x", "SSM", "a b", "", "x".repeat(101)}) {
      assertThatThrownBy(() -> VersionSelector.label(bad))
          .as(bad)
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("label");
    }
    assertThat(WriteCondition.any().isAny()).isTrue();
    assertThat(WriteCondition.absent().isAbsent()).isTrue();
    assertThat(WriteCondition.version(2).expectedVersion()).hasValue(2);
    assertThat(WriteCondition.version(2)).hasToString("version 2");
    assertThatThrownBy(() -> WriteCondition.version(0))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("expectedVersion");
  }

  @Test
  void kindsNameAndValidateTheirValues() {
    EmrProfile p =
        EmrProfile.builder()
            .namespace("ns")
            .name("p")
            .serviceRole("EMR_DefaultRole")
            .instanceRole("EMR_EC2_DefaultRole")
            .build();
    assertThat(RecordKind.PROFILE.refOf(p)).isEqualTo(RecordRef.of("ns", "p"));
    assertThat(RecordKind.values()).hasSize(3);
    assertThat(RecordKind.CONFIGURATION.displayName()).isEqualTo("cluster configuration");
    assertThat(RecordKind.PROFILE.problemsOf(p)).isEmpty();
  }

  @Test
  void errorsNameNamespaceAndName() {
    RecordRef ref = RecordRef.of("team-a", "x");
    assertThat(new RecordNotFoundException(RecordKind.PROFILE, ref, VersionSelector.label("prod")))
        .hasMessage("profile 'x' in namespace 'team-a' not found (label 'prod')");
    assertThat(new RecordTooLargeException(RecordKind.CONFIGURATION, ref, 9000, 8192))
        .hasMessageContaining("cluster configuration 'x' in namespace 'team-a' is 9000 bytes");
    RecordConflictException c =
        new RecordConflictException(
            RecordKind.PROFILE, ref, WriteCondition.version(1), 3, 2, "detail");
    assertThat(c.rejectedVersion()).hasValue(2);
    assertThat(c).hasMessageContaining("expected version 1");
  }

  /** The defaults (find, list, forEach) and the blocking view over a paging repository. */
  @Test
  void defaultsPageThroughAndBlockingUnwraps() {
    PagedRepo repo = new PagedRepo(5, 2);
    assertThat(repo.list("ns").join()).hasSize(5);
    assertThat(repo.pagesServed).isEqualTo(3);
    assertThat(repo.blocking().stream("ns").limit(1).count()).isEqualTo(1);
    assertThat(repo.pagesServed).isEqualTo(4);
    assertThat(repo.find(RecordRef.of("ns", "missing")).join()).isEmpty();
    assertThatThrownBy(() -> repo.blocking().get(RecordRef.of("ns", "missing")))
        .isInstanceOf(RecordNotFoundException.class);
    assertThatThrownBy(() -> repo.blocking().namespaces())
        .isInstanceOf(RepositoryException.class)
        .hasMessage("boom");
  }

  private static final class PagedRepo implements RecordRepository<EmrProfile> {
    final List<StoredRecord<EmrProfile>> records = new ArrayList<>();
    final int pageSize;
    int pagesServed;

    PagedRepo(int n, int pageSize) {
      this.pageSize = pageSize;
      for (int i = 0; i < n; i++) {
        EmrProfile p =
            EmrProfile.builder()
                .namespace("ns")
                .name("p" + i)
                .serviceRole("s")
                .instanceRole("i")
                .build();
        records.add(
            StoredRecord.<EmrProfile>builder()
                .kind(RecordKind.PROFILE)
                .ref(p.ref())
                .value(p)
                .version(1)
                .format(RecordFormat.EMR_LAUNCH)
                .build());
      }
    }

    @Override
    public RecordKind<EmrProfile> kind() {
      return RecordKind.PROFILE;
    }

    @Override
    public CompletableFuture<StoredRecord<EmrProfile>> save(EmrProfile value, WriteCondition c) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<StoredRecord<EmrProfile>> get(RecordRef ref, VersionSelector s) {
      return records.stream()
          .filter(r -> r.ref().equals(ref))
          .findFirst()
          .map(CompletableFuture::completedFuture)
          .orElseGet(
              () ->
                  CompletableFuture.failedFuture(
                      new RecordNotFoundException(RecordKind.PROFILE, ref, s)));
    }

    @Override
    public CompletableFuture<RecordPage<EmrProfile>> listPage(String namespace, String token) {
      pagesServed++;
      int from = token == null ? 0 : Integer.parseInt(token);
      int to = Math.min(records.size(), from + pageSize);
      return CompletableFuture.supplyAsync(
          () ->
              RecordPage.<EmrProfile>builder()
                  .records(records.subList(from, to))
                  .nextPageToken(
                      to < records.size() ? Optional.of(Integer.toString(to)) : Optional.empty())
                  .build());
    }

    @Override
    public CompletableFuture<List<String>> namespaces() {
      return CompletableFuture.supplyAsync(
          () -> {
            throw new RepositoryException("boom");
          });
    }

    @Override
    public CompletableFuture<Boolean> delete(RecordRef ref) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<List<RecordVersion>> history(RecordRef ref) {
      throw new UnsupportedOperationException();
    }

    @Override
    public CompletableFuture<Void> label(RecordRef ref, long version, List<String> labels) {
      throw new UnsupportedOperationException();
    }
  }
}

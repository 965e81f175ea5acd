package io.emrlaunch.apichecks;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The boundaries of the published modules, checked over their compiled main classes (ArchUnit).
 *
 * <ul>
 *   <li>The public API (public and protected members of public classes outside {@code internal}
 *       packages: fields, constructors, methods with generic return, parameter, throws and
 *       type-parameter types, and supertypes) names no generated {@code Immutable*} type, no type
 *       of an {@code internal} package and no SDK-internal type ({@code
 *       software.amazon.awssdk..internal..}, {@code @SdkInternalApi}, {@code @SdkProtectedApi}, and
 *       {@code SdkAutoCloseable}).
 *   <li>No module uses another module's {@code internal} package.
 *   <li>Module arrows point only the documented way (DESIGN.md): core and testkit depend on no
 *       other module of ours; ssm on core; stepfunctions on core; provisioning on core and ssm; the
 *       CLI on anything.
 * </ul>
 *
 * <p>Known violations that are being fixed are listed in the FREEZE sets below. A frozen violation
 * that disappears must be removed from its set (the test fails otherwise), so the lists only
 * shrink; a violation not listed fails the build.
 */
class ArchitectureTest {

  /**
   * FREEZE: public signatures that name SDK-internal or generated types today. Each entry is {@code
   * member -> offending type}. Remove entries as they are fixed; never add one.
   */
  static final Set<String> FROZEN_API_LEAKS =
      Set.of(
          // SdkPojo is @SdkProtectedApi: SdkShapes should take/return the SDK model types through
          // a type of ours (or move to an internal package).
          "io.emrlaunch.core.json.SdkShapes#fromJson[JsonNode, SdkPojo, Problems] ->"
              + " software.amazon.awssdk.core.SdkPojo (@SdkProtectedApi)",
          "io.emrlaunch.core.json.SdkShapes#fromJson[JsonNode, SdkPojo] ->"
              + " software.amazon.awssdk.core.SdkPojo (@SdkProtectedApi)",
          "io.emrlaunch.core.json.SdkShapes#toCompactJson[SdkPojo] ->"
              + " software.amazon.awssdk.core.SdkPojo (@SdkProtectedApi)",
          "io.emrlaunch.core.json.SdkShapes#toJson[SdkPojo] ->"
              + " software.amazon.awssdk.core.SdkPojo (@SdkProtectedApi)");

  /**
   * FREEZE: module arrows that point the wrong way today, as {@code class -> class}. Remove entries
   * as they are fixed; never add one.
   */
  static final Set<String> FROZEN_MODULE_ARROWS = Set.of();

  /**
   * FREEZE: uses of another module's internal package today, as {@code class -> class}. Remove
   * entries as they are fixed; never add one.
   */
  static final Set<String> FROZEN_INTERNAL_USES = Set.of();

  /** Which of our modules each module may depend on. The CLI may use all of them. */
  static final Map<String, Set<String>> ALLOWED =
      Map.of(
          "emr-launch-core", Set.of(),
          "emr-launch-testkit", Set.of(),
          "emr-launch-ssm", Set.of("emr-launch-core"),
          "emr-launch-stepfunctions", Set.of("emr-launch-core"),
          "emr-launch-provisioning", Set.of("emr-launch-core", "emr-launch-ssm"),
          "emr-launch-cli", Modules.ROOT_PACKAGES.keySet());

  static final String SDK_INTERNAL_API = "software.amazon.awssdk.annotations.SdkInternalApi";
  static final String SDK_PROTECTED_API = "software.amazon.awssdk.annotations.SdkProtectedApi";

  /**
   * SDK types that are public API of the SDK but that our API must not name anyway (issue 13 item
   * 5), with what to use instead. {@code SdkAutoCloseable} is {@code @SdkPublicApi} in SDK 2.59.1.
   */
  static final Map<String, String> BANNED_SDK_TYPES =
      Map.of(
          "software.amazon.awssdk.utils.SdkAutoCloseable",
          "SdkAutoCloseable: implement java.lang.AutoCloseable");

  static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    assertThat(Modules.missingFromClasspath())
        .as(
            "published modules that emr-launch-api-checks does not depend on: add them to its"
                + " pom.xml so they are checked")
        .isEmpty();
    Set<Location> locations = new java.util.HashSet<>();
    for (Path location : Modules.classLocations().values()) {
      if (java.nio.file.Files.isDirectory(location)) {
        locations.add(Location.of(location));
      } else {
        try {
          locations.add(Location.of(new java.util.jar.JarFile(location.toFile())));
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
    }
    classes = new ClassFileImporter().importLocations(locations);
    assertThat(classes.stream().map(c -> Modules.moduleOf(c.getName())).distinct().count())
        .as("classes of every module on the class path were imported")
        .isEqualTo(Modules.classDirectories().size());
  }

  @Test
  void publicApiNamesNoGeneratedInternalOrSdkInternalType() {
    assertFrozen("public signatures naming forbidden types", apiLeaks(classes), FROZEN_API_LEAKS);
  }

  @Test
  void theApiRuleSeesLeaksThroughSignaturesGenericsSupertypesAndHiddenBases() {
    JavaClasses fixture = new ClassFileImporter().importPackages("io.emrlaunch.apichecks.fixture");
    assertThat(apiLeaks(fixture))
        .containsExactlyInAnyOrder(
            "io.emrlaunch.apichecks.fixture.Leaky implements ->"
                + " software.amazon.awssdk.utils.SdkAutoCloseable (SdkAutoCloseable: implement"
                + " java.lang.AutoCloseable)",
            "io.emrlaunch.apichecks.fixture.Leaky#generated[] ->"
                + " io.emrlaunch.apichecks.fixture.ImmutableThing (generated Immutables type)",
            "io.emrlaunch.apichecks.fixture.Leaky#inList[List] ->"
                + " io.emrlaunch.apichecks.fixture.ImmutableThing (generated Immutables type)",
            "io.emrlaunch.apichecks.fixture.Leaky#internal ->"
                + " io.emrlaunch.apichecks.fixture.internal.Hidden (internal package)",
            "io.emrlaunch.apichecks.fixture.Leaky#pojo[] ->"
                + " software.amazon.awssdk.core.SdkPojo (@SdkProtectedApi)",
            "io.emrlaunch.apichecks.fixture.Leaky$Builder#leak[] ->"
                + " io.emrlaunch.apichecks.fixture.ImmutableThing (generated Immutables type)",
            "io.emrlaunch.apichecks.fixture.Value#withLeak[String] ->"
                + " io.emrlaunch.apichecks.fixture.ImmutableThing (generated Immutables type)");
  }

  /** Every forbidden type named by the public API of the given classes. */
  static Set<String> apiLeaks(JavaClasses classes) {
    Set<String> leaks = new TreeSet<>();
    for (JavaClass c : classes) {
      if (!isPublishedApi(c)) {
        continue;
      }
      String owner = c.getName();
      c.getSuperclass()
          .filter(s -> !isHiddenSandwichBase(s.toErasure()))
          .ifPresent(s -> check(owner + " extends", s, leaks));
      for (JavaType i : c.getInterfaces()) {
        check(owner + " implements", i, leaks);
      }
      for (JavaType p : c.getTypeParameters()) {
        check(owner + " type parameter", p, leaks);
      }
      for (JavaMember m : apiMembers(c)) {
        String where = owner + "#" + describe(m);
        if (m instanceof JavaField f) {
          check(where, f.getType(), leaks);
        } else if (m instanceof JavaCodeUnit u) {
          for (JavaClass t : u.getAllInvolvedRawTypes()) {
            checkRaw(where, t, leaks);
          }
        }
      }
    }
    return leaks;
  }

  @Test
  void noModuleUsesAnotherModulesInternalPackage() {
    Set<String> violations = new TreeSet<>();
    for (JavaClass c : classes) {
      String from = Modules.moduleOf(c.getName()).orElseThrow();
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        JavaClass target = d.getTargetClass().getBaseComponentType();
        Modules.moduleOf(target.getName())
            .filter(to -> !to.equals(from) && Modules.isInternal(target.getPackageName()))
            .ifPresent(to -> violations.add(c.getName() + " -> " + target.getName()));
      }
    }
    assertFrozen("uses of another module's internal package", violations, FROZEN_INTERNAL_USES);
  }

  @Test
  void moduleArrowsPointOnlyTheDocumentedWay() {
    Set<String> violations = new TreeSet<>();
    for (JavaClass c : classes) {
      String from = Modules.moduleOf(c.getName()).orElseThrow();
      Set<String> allowed = ALLOWED.get(from);
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        JavaClass target = d.getTargetClass().getBaseComponentType();
        Modules.moduleOf(target.getName())
            .filter(to -> !to.equals(from) && !allowed.contains(to))
            .ifPresent(
                to ->
                    violations.add(
                        from + " -> " + to + ": " + c.getName() + " -> " + target.getName()));
      }
    }
    assertFrozen(
        "module dependencies against DESIGN.md's arrows", violations, FROZEN_MODULE_ARROWS);
  }

  @Test
  void everyPublishedModuleHasARule() {
    assertThat(ALLOWED.keySet())
        .containsExactlyInAnyOrderElementsOf(Modules.ROOT_PACKAGES.keySet());
  }

  /** Fails on a violation that is not frozen, and on a frozen one that no longer occurs. */
  static void assertFrozen(String what, Set<String> found, Set<String> frozen) {
    List<String> fresh = found.stream().filter(v -> !frozen.contains(v)).toList();
    List<String> fixed = new TreeSet<>(frozen).stream().filter(v -> !found.contains(v)).toList();
    StringBuilder message = new StringBuilder();
    if (!fresh.isEmpty()) {
      message.append(fresh.size()).append(" new ").append(what).append(":\n");
      fresh.forEach(v -> message.append("  ").append(v).append('\n'));
    }
    if (!fixed.isEmpty()) {
      message
          .append(fixed.size())
          .append(" frozen ")
          .append(what)
          .append(" no longer occur; remove them from the FREEZE list in ArchitectureTest:\n");
      fixed.forEach(v -> message.append("  \"").append(v).append("\",\n"));
    }
    assertThat(message.length() == 0).as(message.toString()).isTrue();
  }

  /** A public class (and every enclosing class public) outside internal packages. */
  static boolean isPublishedApi(JavaClass c) {
    if (Modules.isInternal(c.getPackageName()) || c.isAnonymousClass() || c.isLocalClass()) {
      return false;
    }
    for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
      if (!k.getModifiers().contains(JavaModifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The Immutables sandwich: a public {@code X.Builder} extends the package-private generated
   * {@code ImmutableX.Builder}. Users never name that base (it is not accessible), but its public
   * methods are part of {@code X.Builder}'s API, so {@link #apiMembers} checks them.
   */
  static boolean isHiddenSandwichBase(JavaClass base) {
    return isGenerated(base) && !isAccessible(base);
  }

  static boolean isAccessible(JavaClass c) {
    for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
      if (!k.getModifiers().contains(JavaModifier.PUBLIC)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Public and protected members declared by the class, plus those it inherits from superclasses a
   * user cannot name (their public methods are callable through this class).
   */
  static List<JavaMember> apiMembers(JavaClass c) {
    List<JavaMember> members = new ArrayList<>();
    addVisible(members, c.getMembers());
    List<JavaClass> supertypes = new ArrayList<>(c.getAllRawSuperclasses());
    supertypes.addAll(c.getAllRawInterfaces());
    for (JavaClass s : supertypes) {
      if (!isAccessible(s) && s.getName().startsWith("io.emrlaunch.")) {
        addVisible(members, s.getMembers());
      }
    }
    return members;
  }

  private static void addVisible(List<JavaMember> into, Collection<? extends JavaMember> members) {
    for (JavaMember m : members) {
      Set<JavaModifier> mods = m.getModifiers();
      boolean visible = mods.contains(JavaModifier.PUBLIC) || mods.contains(JavaModifier.PROTECTED);
      boolean synthetic =
          mods.contains(JavaModifier.SYNTHETIC) || mods.contains(JavaModifier.BRIDGE);
      if (visible && !synthetic && !m.getName().equals("<clinit>")) {
        into.add(m);
      }
    }
  }

  static String describe(JavaMember m) {
    if (m instanceof JavaCodeUnit u) {
      return m.getName()
          + u.getRawParameterTypes().stream().map(JavaClass::getSimpleName).toList().toString();
    }
    return m.getName();
  }

  private static void check(String where, JavaType type, Set<String> leaks) {
    for (JavaClass t : type.getAllInvolvedRawTypes()) {
      checkRaw(where, t, leaks);
    }
  }

  private static void checkRaw(String where, JavaClass t, Set<String> leaks) {
    JavaClass raw = t.getBaseComponentType();
    String reason = forbiddenReason(raw);
    if (reason != null) {
      leaks.add(where + " -> " + raw.getName() + " (" + reason + ")");
    }
  }

  static boolean isGenerated(JavaClass t) {
    JavaClass top = t;
    while (top.getEnclosingClass().isPresent()) {
      top = top.getEnclosingClass().get();
    }
    return top.getName().startsWith("io.emrlaunch.") && top.getSimpleName().startsWith("Immutable");
  }

  /** Why a type may not appear in the public API, or null when it may. */
  static String forbiddenReason(JavaClass t) {
    String name = t.getName();
    if (isGenerated(t)) {
      return "generated Immutables type";
    }
    if (name.startsWith("io.emrlaunch.") && Modules.isInternal(t.getPackageName())) {
      return "internal package";
    }
    if (name.startsWith("software.amazon.awssdk.") && Modules.isInternal(t.getPackageName())) {
      return "SDK internal package";
    }
    if (BANNED_SDK_TYPES.containsKey(name)) {
      return BANNED_SDK_TYPES.get(name);
    }
    if (t.isAnnotatedWith(SDK_INTERNAL_API)) {
      return "@SdkInternalApi";
    }
    if (t.isAnnotatedWith(SDK_PROTECTED_API)) {
      return "@SdkProtectedApi";
    }
    return null;
  }
}

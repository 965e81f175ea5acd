package io.emrlaunch.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.launch.LaunchRequest;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, D10: the null rule of docs/model.md, checked on every setter of every model builder.
 *
 * <ul>
 *   <li>a setter of an {@code Optional} attribute given {@code null} leaves it absent;
 *   <li>any other setter, element or map value given {@code null} throws a {@code
 *       NullPointerException} whose message starts with the attribute's name;
 *   <li>a whole collection or map entry given as {@code null} ({@code addAllX(null)}, {@code
 *       putAllX(null)}, {@code putX((Map.Entry) null)}) throws a {@code NullPointerException}.
 * </ul>
 */
class NullRuleTest {

  static final List<Supplier<Object>> BUILDERS =
      List.of(
          EmrProfile::builder,
          ClusterConfiguration::builder,
          ClusterInstances::builder,
          InstanceGroupConfig::builder,
          InstanceFleetConfig::builder,
          InstanceTypeConfig::builder,
          ApplicationConfiguration::builder,
          BootstrapAction::builder,
          EmrStep::builder,
          SparkJob::builder,
          LaunchFunction::builder,
          AllowedOverride::builder,
          SecurityConfiguration::builder,
          EbsConfiguration::builder,
          EbsVolume::builder,
          ManagedScalingPolicy::builder,
          AutoScalingPolicy::builder,
          ScalingRule::builder,
          LaunchRequest::builder,
          ApplicationOptions::builder,
          PlacementGroupConfig::builder,
          MonitoringConfiguration::builder,
          CloudWatchLogConfiguration::builder,
          FleetResizeSpecification::builder,
          CapacityReservationOptions::builder,
          FleetLaunchSpecification::builder);

  @Test
  void everySetterFollowsTheNullRule() throws Exception {
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Supplier<Object> s : BUILDERS) {
      Class<?> type = s.get().getClass();
      for (Method m : type.getMethods()) {
        // the setters are declared by the generated builder the public X.Builder extends
        if (m.getDeclaringClass() == Object.class
            || !m.getDeclaringClass().isAssignableFrom(type)
            || !m.getDeclaringClass().getSimpleName().equals("Builder")
            || Modifier.isStatic(m.getModifiers())
            || m.getName().equals("build")
            || m.getParameterCount() == 0
            || m.getName().equals("from")
            || m.getParameterTypes()[0].isPrimitive()) {
          continue;
        }
        Object[] args = new Object[m.getParameterCount()];
        if (args.length == 2) {
          // putX(key, null): the value is null
          Class<?> key = m.getParameterTypes()[0];
          args[0] = key.isEnum() ? key.getEnumConstants()[0] : "k";
        }
        String outcome = call(s.get(), m, args);
        checked++;
        String attribute = attribute(m.getName());
        boolean wholeCollection =
            args.length == 1
                && (Iterable.class.isAssignableFrom(m.getParameterTypes()[0])
                    || Map.class.isAssignableFrom(m.getParameterTypes()[0])
                    || Map.Entry.class.isAssignableFrom(m.getParameterTypes()[0])
                    || m.getParameterTypes()[0].isArray());
        // a setter of the attribute itself (not addX/putX: "additionalInfo" is a setter)
        boolean optional = isOptionalAttribute(s.get(), attribute) && attribute.equals(m.getName());
        String where = type.getName() + "." + m.getName();
        if (optional) {
          if (!outcome.equals("ok")
              && !(m.getParameterTypes()[0] == Optional.class && outcome.startsWith("NPE"))) {
            broken.add(where + ": optional attribute must accept null, got " + outcome);
          }
        } else if (wholeCollection) {
          if (!outcome.startsWith("NPE")) {
            broken.add(where + ": expected an NPE, got " + outcome);
          }
        } else if (!outcome.startsWith("NPE " + attribute)
            && !(m.getName().startsWith("putOverrides") && outcome.equals("ok"))) {
          broken.add(where + ": expected an NPE naming '" + attribute + "', got " + outcome);
        }
      }
    }
    assertThat(checked).isGreaterThan(150);
    assertThat(broken).isEmpty();
  }

  @Test
  void nullOverrideValueIsAcceptedByTheBuilderAndRefusedByTheLaunch() {
    // no NPE from the builder: the launch refuses it as InvalidOverrideException (see
    // ClusterLauncherNullOverrideTest); here, the value is kept as null
    LaunchRequest r =
        LaunchRequest.builder()
            .profile(RunJobFlowRequestsFixture.profile())
            .configuration(RunJobFlowRequestsFixture.config())
            .putOverrides("CoreInstanceCount", null)
            .build();
    assertThat(r.overrides()).containsEntry("CoreInstanceCount", null);
  }

  private static String call(Object builder, Method m, Object[] args) {
    try {
      m.setAccessible(true);
      m.invoke(builder, args);
      return "ok";
    } catch (InvocationTargetException e) {
      Throwable t = e.getCause();
      if (t instanceof NullPointerException) {
        return "NPE " + t.getMessage();
      }
      return t.getClass().getSimpleName() + " " + t.getMessage();
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }

  private static String attribute(String method) {
    for (String prefix : List.of("addAll", "putAll", "add", "put")) {
      if (method.startsWith(prefix)
          && method.length() > prefix.length()
          && Character.isUpperCase(method.charAt(prefix.length()))) {
        String rest = method.substring(prefix.length());
        return rest.substring(0, 1).toLowerCase(Locale.ROOT) + rest.substring(1);
      }
    }
    return method;
  }

  private static boolean isOptionalAttribute(Object builder, String attribute) {
    Class<?> value = builder.getClass().getEnclosingClass();
    List<Class<?>> candidates = new ArrayList<>(List.of(value.getInterfaces()));
    candidates.add(0, value);
    for (Class<?> i : candidates) {
      try {
        return i.getMethod(attribute).getReturnType() == Optional.class;
      } catch (NoSuchMethodException e) {
        // not this interface
      }
    }
    return false;
  }
}

package io.emrlaunch.stepfunctions.asl.intrinsics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The literal first argument of {@code States.Format}: text with {@code {}} placeholders. It is
 * kept as the literal text segments between placeholders, so a literal brace (written <code>\{
 * </code>) and a placeholder (<code>{}</code>) stay distinct through render and parse.
 *
 * @param segments the literal texts around the placeholders; {@code segments.size() - 1}
 *     placeholders; never empty
 */
public record FormatTemplate(List<String> segments) implements IntrinsicArgument {

  /**
   * Creates the template from its segments.
   *
   * @param segments the literal texts around the placeholders; at least one (possibly empty)
   */
  public FormatTemplate {
    segments = List.copyOf(segments);
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("a format template has at least one segment");
    }
  }

  /**
   * Reads a template where every {@code {}} pair is a placeholder; any other brace is literal text.
   *
   * @param template e.g. {@code "s3://{}/logs/{}"}
   * @return the template
   */
  public static FormatTemplate of(String template) {
    Objects.requireNonNull(template, "template");
    List<String> parts = new ArrayList<>();
    int from = 0;
    int at;
    while ((at = template.indexOf("{}", from)) >= 0) {
      parts.add(template.substring(from, at));
      from = at + 2;
    }
    parts.add(template.substring(from));
    return new FormatTemplate(parts);
  }

  /**
   * The number of {@code {}} placeholders.
   *
   * @return how many arguments must follow the template
   */
  public int placeholders() {
    return segments.size() - 1;
  }

  @Override
  public String render() {
    StringBuilder out = new StringBuilder("'");
    for (int i = 0; i < segments.size(); i++) {
      if (i > 0) {
        out.append("{}");
      }
      out.append(StringLiteral.escape(segments.get(i)));
    }
    return out.append('\'').toString();
  }

  @Override
  public String toString() {
    return render();
  }
}

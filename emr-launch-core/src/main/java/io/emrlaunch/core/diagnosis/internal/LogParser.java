package io.emrlaunch.core.diagnosis.internal;

import io.emrlaunch.core.diagnosis.CauseCategory;
import io.emrlaunch.core.diagnosis.Diagnosis;
import io.emrlaunch.core.diagnosis.Evidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the probable cause of a failure from log text. Pure: no I/O, no clock.
 *
 * <p>Each rule looks at one log and may propose a cause with a rank; the highest rank over all logs
 * wins, and on a tie the earlier log (the caller puts the most specific first). Ranks put the
 * specific over the generic: a bootstrap failure, then memory limits, out-of-memory, S3 access,
 * missing classes or modules, missing input, then a Python traceback, a JVM {@code Caused by:}
 * chain, and last a bare non-zero exit.
 */
public final class LogParser {
  private LogParser() {}

  /** How the cause of an S3 refusal starts when the log names no role. */
  static final String S3_DENIED_NO_ROLE = "Amazon S3 denied access";

  /** How the suggestion names the role when the log names none. */
  static final String INSTANCE_ROLE = "the cluster's EC2 instance profile role (JobFlowRole)";

  static final int BOOTSTRAP = 100;
  static final int MEMORY_LIMIT = 90;
  static final int KILLED_137 = 85;
  static final int OOM = 80;
  static final int ACCESS_DENIED = 70;
  static final int MISSING = 60;
  static final int INPUT = 50;
  static final int PYTHON = 40;
  static final int JVM = 30;
  static final int APP_FAILED = 15;
  static final int EXIT = 10;

  private static final Pattern BOOTSTRAP_FAILED =
      Pattern.compile(
          "(?:[Oo]n the (\\w+) instance \\((i-[0-9a-f]+)\\), )?bootstrap action (\\d+) returned a"
              + " non-zero return code");
  private static final Pattern YARN_KILLED =
      Pattern.compile(
          "Container killed by YARN for exceeding (?:physical |virtual )?memory limits\\.?\\s*"
              + "(?:([\\d.]+ ?[KMGT]?B) of ([\\d.]+ ?[KMGT]?B) (?:physical|virtual) memory used)?");
  private static final Pattern BEYOND_LIMIT =
      Pattern.compile(
          "is running (?:beyond (?:physical|virtual) memory limits|[\\d.]+ ?[KMGT]?B beyond the"
              + " '(?:PHYSICAL|VIRTUAL)' memory limit)\\.?(?: Current usage: ([\\d.]+ ?[KMGT]?B) of"
              + " ([\\d.]+ ?[KMGT]?B) (?:physical|virtual) memory used)?");
  private static final Pattern EXIT_137 =
      Pattern.compile("(?:[Ee]xit (?:code|status)(?: is)?:? 137|exitCode: 137)");
  private static final Pattern CONTAINER_ID =
      Pattern.compile("(container_(?:e\\d+_)?\\d+_\\d+_\\d+_(\\d+))");
  private static final Pattern OUT_OF_MEMORY =
      Pattern.compile("java\\.lang\\.OutOfMemoryError(?::\\s*(.*))?");
  private static final Pattern PY_MEMORY = Pattern.compile("^MemoryError\\b.*");
  private static final Pattern MAX_RESULT_SIZE =
      Pattern.compile(
          "Total size of serialized results of \\d+ tasks \\(([^)]*)\\) is bigger than"
              + " (?:spark\\.driver\\.maxResultSize|maxResultSize) \\(([^)]*)\\)");
  private static final Pattern ACCESS =
      Pattern.compile("(?i)(AccessDenied|Access Denied|403 Forbidden|Status Code: 403|status 403)");
  private static final Pattern ASSUMED_ROLE =
      Pattern.compile("arn:aws[a-z-]*:sts::\\d{12}:assumed-role/([\\w+=,.@-]+)/");
  private static final Pattern IAM_ROLE =
      Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/((?:[\\w+=,.@-]+/)*[\\w+=,.@-]+)");
  private static final Pattern S3_ACTION = Pattern.compile("perform: (s3:\\w+)");
  private static final Pattern S3_URI = Pattern.compile("(s3[an]?://[^\\s'\"():;,]+)");
  private static final Pattern S3_ARN = Pattern.compile("arn:aws[a-z-]*:s3:::([^\\s'\"(),;]+)");
  private static final Pattern CLASS_MISSING =
      Pattern.compile(
          "(java\\.lang\\.ClassNotFoundException|java\\.lang\\.NoClassDefFoundError"
              + "|ClassNotFoundException|NoClassDefFoundError)(?::| )\\s*(?:Could not initialize"
              + " class )?([\\w.$/-]+)");
  private static final Pattern DATA_SOURCE =
      Pattern.compile("Failed to find data source: ([\\w.-]+)");
  private static final Pattern MODULE_MISSING =
      Pattern.compile(
          "(ModuleNotFoundError|ImportError): No module named '?([\\w.]+)'?|(ImportError): cannot"
              + " import name '(\\w+)' from '([\\w.]+)'");
  private static final Pattern PATH_MISSING =
      Pattern.compile(
          "(?:Path does not exist: |java\\.io\\.FileNotFoundException: (?:No such file or"
              + " directory: )?|Input path does not exist: )'?([a-z0-9]+://[^\\s'\"]+|/[^\\s'\"]+)");
  private static final Pattern PY_FRAME =
      Pattern.compile("^\\s*File \"(.+)\", line (\\d+), in (.+)$");
  private static final Pattern TOP_JVM =
      Pattern.compile(
          "(?:Exception in thread \"[^\"]*\" |User class threw exception: |^)"
              + "((?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error|Failure|Throwable)"
              + "(?::\\s.*)?)$");
  private static final Pattern CAUSED_BY = Pattern.compile("^\\s*Caused by: (\\S.*)$");
  private static final Pattern APP_FAILED_STATUS =
      Pattern.compile("Application (application_\\d+_\\d+) finished with failed status");
  private static final Pattern EXIT_CODE =
      Pattern.compile(
          "(?:Step failed with exitCode|[Ee]xit(?:ed with)? code:?|returned non-zero exit status)"
              + " (-?\\d+)");

  /** One line with its number in the log. */
  record Line(int number, String text) {}

  /** A proposed cause. */
  record Candidate(int rank, Diagnosis diagnosis) {}

  /**
   * The probable cause over all logs.
   *
   * @param logs the logs, the most specific first
   * @return the diagnosis, or empty when no rule matched
   */
  public static Optional<Diagnosis> parse(List<LogExcerpt> logs) {
    Candidate best = null;
    for (LogExcerpt log : logs) {
      for (Candidate c : candidates(log)) {
        if (best == null || c.rank() > best.rank()) {
          best = c;
        }
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    Diagnosis d = best.diagnosis();
    if (d.category() == CauseCategory.BOOTSTRAP_FAILURE) {
      d = withBootstrapScriptOutput(d, logs);
    }
    return Optional.of(d);
  }

  /**
   * The YARN application of a Spark job submitted in cluster mode that failed, from the step's
   * logs; its driver's log is in the application's first container.
   *
   * @param logs the step's logs
   * @return the application id ({@code application_<cluster-ts>_<n>})
   */
  public static Optional<String> failedApplicationId(List<LogExcerpt> logs) {
    for (LogExcerpt log : logs) {
      for (String line : log.lines()) {
        Matcher m = APP_FAILED_STATUS.matcher(line);
        if (m.find()) {
          return Optional.of(m.group(1));
        }
      }
    }
    return Optional.empty();
  }

  static List<Candidate> candidates(LogExcerpt log) {
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < log.lines().size(); i++) {
      lines.add(new Line(log.numberOf(i), log.lines().get(i)));
    }
    List<Candidate> out = new ArrayList<>();
    List<java.util.function.Supplier<Optional<Candidate>>> rules =
        List.of(
            () -> bootstrap(log, lines),
            () -> memoryLimit(log, lines),
            () -> outOfMemory(log, lines),
            () -> accessDenied(log, lines),
            () -> missingClass(log, lines),
            () -> missingModule(log, lines),
            () -> inputMissing(log, lines),
            () -> python(log, lines),
            () -> jvm(log, lines, 0, lines.size()),
            () -> exitCode(log, lines));
    for (var rule : rules) {
      try {
        rule.get().ifPresent(out::add);
      } catch (RuntimeException e) {
        // A rule that cannot make sense of odd text proposes nothing; the parser never fails.
      }
    }
    return out;
  }

  // --- rules -------------------------------------------------------------------------------

  private static Optional<Candidate> bootstrap(LogExcerpt log, List<Line> lines) {
    for (Line l : lines) {
      Matcher m = BOOTSTRAP_FAILED.matcher(l.text());
      if (m.find()) {
        String action = m.group(3);
        String where =
            m.group(2) == null ? "" : " on the " + m.group(1) + " instance " + m.group(2);
        String logHint =
            m.group(2) == null
                ? "<LogUri>/<cluster-id>/node/<instance-id>/bootstrap-actions/" + action + "/"
                : "<LogUri>/<cluster-id>/node/" + m.group(2) + "/bootstrap-actions/" + action + "/";
        return Optional.of(
            new Candidate(
                BOOTSTRAP,
                diagnosis(
                    CauseCategory.BOOTSTRAP_FAILURE,
                    "bootstrap action " + action + " returned a non-zero return code" + where,
                    "read the script's stderr.gz and stdout.gz under "
                        + logHint
                        + "; make the script exit 0 (run it by hand on an instance of the"
                        + " cluster's AMI and release)",
                    evidence(log, l))));
      }
    }
    return Optional.empty();
  }

  /** Adds the last lines a bootstrap script wrote, when its log was read. */
  private static Diagnosis withBootstrapScriptOutput(Diagnosis d, List<LogExcerpt> logs) {
    for (LogExcerpt log : logs) {
      if (!log.uri().contains("/bootstrap-actions/") || !log.uri().contains("stderr")) {
        continue;
      }
      for (int i = log.lines().size() - 1; i >= 0; i--) {
        String text = log.lines().get(i).strip();
        if (!text.isEmpty()) {
          Line l = new Line(log.numberOf(i), text);
          return d.withCause(cut(d.cause() + ": " + text))
              .withEvidence(concat(List.of(evidence(log, l)), d.evidence()));
        }
      }
    }
    return d;
  }

  private static Optional<Candidate> memoryLimit(LogExcerpt log, List<Line> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      Line l = lines.get(i);
      Matcher m = YARN_KILLED.matcher(l.text());
      Matcher b = BEYOND_LIMIT.matcher(l.text());
      boolean killed = m.find();
      boolean beyond = !killed && b.find();
      if (killed || beyond) {
        Matcher usage = killed ? m : b;
        String used =
            usage.group(1) == null ? "" : " (" + usage.group(1) + " of " + usage.group(2) + ")";
        boolean driver = isDriverContainer(l.text(), log.uri());
        String who = driver ? "the driver's container" : "an executor's container";
        return Optional.of(
            new Candidate(
                MEMORY_LIMIT,
                diagnosis(
                    CauseCategory.CONTAINER_MEMORY_EXCEEDED,
                    "YARN killed " + who + " for exceeding its memory limit" + used,
                    driver
                        ? "raise spark.driver.memoryOverhead (e.g. --conf"
                            + " spark.driver.memoryOverhead=2g) or spark.driver.memory"
                        : "raise spark.executor.memoryOverhead (e.g. --conf"
                            + " spark.executor.memoryOverhead=2g), or give each executor fewer"
                            + " cores so heap plus overhead fits the container",
                    evidence(log, l))));
      }
    }
    for (int i = lines.size() - 1; i >= 0; i--) {
      Line l = lines.get(i);
      if (EXIT_137.matcher(l.text()).find()) {
        boolean driver = isDriverContainer(l.text(), log.uri());
        return Optional.of(
            new Candidate(
                KILLED_137,
                diagnosis(
                    CauseCategory.CONTAINER_MEMORY_EXCEEDED,
                    (driver ? "the driver's" : "a")
                        + " container was killed with exit code 137 (SIGKILL, usually memory)",
                    driver
                        ? "raise spark.driver.memoryOverhead or spark.driver.memory"
                        : "raise spark.executor.memoryOverhead (e.g. --conf"
                            + " spark.executor.memoryOverhead=2g)",
                    evidence(log, l))));
      }
    }
    return Optional.empty();
  }

  private static boolean isDriverContainer(String line, String uri) {
    Matcher c = CONTAINER_ID.matcher(line);
    if (c.find()) {
      return Integer.parseInt(c.group(2)) == 1;
    }
    return line.toLowerCase(Locale.ROOT).contains("driver");
  }

  private static Optional<Candidate> outOfMemory(LogExcerpt log, List<Line> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      Line l = lines.get(i);
      Matcher r = MAX_RESULT_SIZE.matcher(l.text());
      if (r.find()) {
        return Optional.of(
            new Candidate(
                OOM,
                diagnosis(
                    CauseCategory.DRIVER_OUT_OF_MEMORY,
                    "results sent to the driver ("
                        + r.group(1)
                        + ") exceed spark.driver.maxResultSize ("
                        + r.group(2)
                        + ")",
                    "avoid collect()/toPandas() of large results (write them out instead), or"
                        + " raise spark.driver.maxResultSize together with spark.driver.memory",
                    evidence(log, l))));
      }
    }
    for (int i = lines.size() - 1; i >= 0; i--) {
      Line l = lines.get(i);
      Matcher m = OUT_OF_MEMORY.matcher(l.text());
      boolean jvm = m.find();
      if (jvm || PY_MEMORY.matcher(l.text()).matches()) {
        String kind = jvm && m.group(1) != null ? m.group(1).strip() : "";
        boolean executor = inExecutor(lines, i, log.uri());
        String what =
            jvm
                ? "java.lang.OutOfMemoryError" + (kind.isEmpty() ? "" : ": " + kind)
                : "MemoryError";
        return Optional.of(
            new Candidate(
                OOM,
                executor
                    ? diagnosis(
                        CauseCategory.EXECUTOR_OUT_OF_MEMORY,
                        "an executor ran out of memory: " + what,
                        "raise spark.executor.memory, or spread the data over more partitions"
                            + " (spark.sql.shuffle.partitions, repartition) so each task holds"
                            + " less",
                        evidence(log, l))
                    : diagnosis(
                        CauseCategory.DRIVER_OUT_OF_MEMORY,
                        "the driver ran out of memory: " + what,
                        "raise spark.driver.memory (e.g. --driver-memory 8g), or avoid"
                            + " collect()/toPandas()/broadcasts of large data in the driver",
                        evidence(log, l))));
      }
    }
    return Optional.empty();
  }

  /** Whether the line at {@code index} belongs to an executor (its task or its container). */
  private static boolean inExecutor(List<Line> lines, int index, String uri) {
    Matcher c = CONTAINER_ID.matcher(uri);
    if (c.find() && Integer.parseInt(c.group(2)) != 1) {
      return true;
    }
    for (int i = Math.max(0, index - 3); i <= index; i++) {
      String t = lines.get(i).text();
      if (t.contains("Executor: Exception in task")
          || t.contains("ERROR Executor")
          || t.contains("ExecutorLostFailure")
          || t.contains("(executor ")) {
        return true;
      }
    }
    return false;
  }

  private static Optional<Candidate> accessDenied(LogExcerpt log, List<Line> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      Line l = lines.get(i);
      String text = l.text();
      if (!ACCESS.matcher(text).find() || !mentionsS3(lines, i)) {
        continue;
      }
      String role = null;
      Line roleLine = null;
      for (Line any : lines) {
        Matcher a = ASSUMED_ROLE.matcher(any.text());
        Matcher r = IAM_ROLE.matcher(any.text());
        if (a.find()) {
          role = a.group(1);
        } else if (r.find()) {
          role = r.group(1);
        } else {
          continue;
        }
        roleLine = any;
        if (any.number() >= l.number()) {
          break;
        }
      }
      String resource = firstMatch(S3_URI, text);
      if (resource == null) {
        String arn = firstMatch(S3_ARN, text);
        resource = arn == null ? null : "s3://" + arn;
      }
      String action = firstMatch(S3_ACTION, text);
      if (action == null && roleLine != null) {
        action = firstMatch(S3_ACTION, roleLine.text());
      }
      if (resource == null && roleLine != null) {
        String arn = firstMatch(S3_ARN, roleLine.text());
        resource = arn == null ? firstMatch(S3_URI, roleLine.text()) : "s3://" + arn;
      }
      String on = resource == null ? "" : " on " + resource;
      String act = action == null ? "" : " " + action;
      String cause =
          role == null ? S3_DENIED_NO_ROLE + act + on : "Amazon S3 denied role " + role + act + on;
      String grant = action == null ? "the S3 actions the job uses" : action;
      String suggestion =
          role == null
              ? "the request ran as "
                  + INSTANCE_ROLE
                  + " or the step's runtime role: grant it "
                  + grant
                  + (resource == null ? "" : " on " + resource)
                  + " (and kms:Decrypt when the bucket uses SSE-KMS), or check the bucket policy"
              : "grant role "
                  + role
                  + " "
                  + grant
                  + (resource == null ? "" : " on " + resource)
                  + " (and kms:Decrypt when the bucket uses SSE-KMS), or check the bucket policy";
      List<Evidence> ev = new ArrayList<>();
      ev.add(evidence(log, l));
      if (roleLine != null && roleLine.number() != l.number()) {
        ev.add(evidence(log, roleLine));
      }
      return Optional.of(
          new Candidate(
              ACCESS_DENIED, diagnosis(CauseCategory.S3_ACCESS_DENIED, cause, suggestion, ev)));
    }
    return Optional.empty();
  }

  private static boolean mentionsS3(List<Line> lines, int index) {
    for (int i = Math.max(0, index - 1); i <= Math.min(lines.size() - 1, index + 1); i++) {
      String t = lines.get(i).text();
      if (t.contains("S3") || t.contains("s3:") || t.contains("s3://") || t.contains("s3a://")) {
        return true;
      }
    }
    return false;
  }

  private static Optional<Candidate> missingClass(LogExcerpt log, List<Line> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      Line l = lines.get(i);
      Matcher d = DATA_SOURCE.matcher(l.text());
      if (d.find()) {
        String source = d.group(1);
        return Optional.of(
            new Candidate(
                MISSING,
                diagnosis(
                    CauseCategory.MISSING_CLASS,
                    "Spark found no data source " + source,
                    "add the data source's package to spark-submit (--packages"
                        + " group:artifact:version, e.g. org.apache.spark:spark-avro_2.12 for"
                        + " avro) or its jar with --jars",
                    evidence(log, l))));
      }
      Matcher m = CLASS_MISSING.matcher(l.text());
      if (m.find()) {
        String cls = m.group(2).replace('/', '.');
        String simpleKind = m.group(1).substring(m.group(1).lastIndexOf('.') + 1);
        return Optional.of(
            new Candidate(
                MISSING,
                diagnosis(
                    CauseCategory.MISSING_CLASS,
                    simpleKind + ": " + cls,
                    "put the jar with "
                        + cls
                        + " on the class path: --jars s3://.../lib.jar or --packages"
                        + " group:artifact:version on spark-submit (or bundle it in the"
                        + " application jar); check its Scala and Spark versions match the"
                        + " release",
                    evidence(log, l))));
      }
    }
    return Optional.empty();
  }

  private static Optional<Candidate> missingModule(LogExcerpt log, List<Line> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      Line l = lines.get(i);
      Matcher m = MODULE_MISSING.matcher(l.text());
      if (!m.find()) {
        continue;
      }
      if (m.group(2) != null) {
        String module = m.group(2);
        String top = module.contains(".") ? module.substring(0, module.indexOf('.')) : module;
        return Optional.of(
            new Candidate(
                MISSING,
                diagnosis(
                    CauseCategory.MISSING_PYTHON_MODULE,
                    m.group(1) + ": No module named '" + module + "'",
                    "ship "
                        + top
                        + " with the job (--py-files deps.zip, or --archives with a packed"
                        + " virtualenv and spark.pyspark.python), or install it on every node with"
                        + " a bootstrap action (sudo python3 -m pip install "
                        + top
                        + ")",
                    evidence(log, l))));
      }
      return Optional.of(
          new Candidate(
              MISSING,
              diagnosis(
                  CauseCategory.MISSING_PYTHON_MODULE,
                  "ImportError: cannot import name '" + m.group(4) + "' from '" + m.group(5) + "'",
                  "the installed "
                      + m.group(5)
                      + " is not the version the job was written for: pin it in --py-files /"
                      + " the virtualenv or the bootstrap action's pip install",
                  evidence(log, l))));
    }
    return Optional.empty();
  }

  private static Optional<Candidate> inputMissing(LogExcerpt log, List<Line> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      Line l = lines.get(i);
      Matcher m = PATH_MISSING.matcher(l.text());
      if (m.find()) {
        String path = m.group(1).replaceAll("[.;,]+$", "");
        return Optional.of(
            new Candidate(
                INPUT,
                diagnosis(
                    CauseCategory.INPUT_NOT_FOUND,
                    "input path does not exist: " + path,
                    "check the path (and its date or partition part) and that the job that"
                        + " writes it ran first",
                    evidence(log, l))));
      }
    }
    return Optional.empty();
  }

  private static Optional<Candidate> python(LogExcerpt log, List<Line> lines) {
    int start = -1;
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).text().startsWith("Traceback (most recent call last):")) {
        start = i;
        break;
      }
    }
    if (start < 0) {
      return Optional.empty();
    }
    Line lastFrame = null;
    Matcher frame = null;
    int exceptionAt = -1;
    for (int i = start + 1; i < lines.size(); i++) {
      String t = lines.get(i).text();
      Matcher f = PY_FRAME.matcher(t);
      if (f.matches()) {
        lastFrame = lines.get(i);
        frame = f;
        continue;
      }
      if (!t.isBlank() && !Character.isWhitespace(t.charAt(0)) && !t.strip().isEmpty()) {
        exceptionAt = i;
        break;
      }
    }
    if (exceptionAt < 0) {
      return Optional.empty();
    }
    Line exception = lines.get(exceptionAt);
    String where =
        frame == null
            ? ""
            : " (at " + frame.group(1) + ":" + frame.group(2) + " in " + frame.group(3) + ")";
    List<Evidence> ev = new ArrayList<>();
    ev.add(evidence(log, exception));
    if (lastFrame != null) {
      ev.add(evidence(log, lastFrame));
    }
    if (exception.text().startsWith("py4j.protocol.Py4JJavaError")) {
      Optional<Candidate> java = jvm(log, lines, exceptionAt + 1, lines.size());
      if (java.isPresent()) {
        Diagnosis d = java.get().diagnosis();
        return Optional.of(
            new Candidate(
                PYTHON,
                d.withCause(cut(d.cause() + where))
                    .withEvidence(concat(d.evidence(), ev.subList(1, ev.size())))));
      }
    }
    return Optional.of(
        new Candidate(
            PYTHON,
            diagnosis(CauseCategory.PYTHON_EXCEPTION, exception.text().strip() + where, null, ev)));
  }

  private static Optional<Candidate> jvm(LogExcerpt log, List<Line> lines, int from, int to) {
    int top = -1;
    for (int i = to - 1; i >= from; i--) {
      String t = lines.get(i).text();
      if (t.startsWith("Caused by:") || t.startsWith("\t") || t.startsWith(" ")) {
        continue;
      }
      if (TOP_JVM.matcher(t).find()) {
        top = i;
        break;
      }
    }
    int firstCause = -1;
    int root = -1;
    for (int i = Math.max(from, top); i < to; i++) {
      if (i < 0) {
        continue;
      }
      String t = lines.get(i).text();
      if (CAUSED_BY.matcher(t).matches()) {
        root = i;
        firstCause = firstCause < 0 ? i : firstCause;
      } else if (i > top
          && top >= 0
          && !t.isBlank()
          && !Character.isWhitespace(t.charAt(0))
          && !t.startsWith("...")
          && root >= 0
          && TOP_JVM.matcher(t).find()) {
        break;
      }
    }
    if (top < 0 && root < 0) {
      return Optional.empty();
    }
    Line topLine = top >= 0 ? lines.get(top) : null;
    Line rootLine = root >= 0 ? lines.get(root) : topLine;
    String rootText = rootLine.text().strip();
    Matcher cb = CAUSED_BY.matcher(rootLine.text());
    if (cb.matches()) {
      rootText = cb.group(1).strip();
    } else {
      Matcher tm = TOP_JVM.matcher(rootText);
      if (tm.find()) {
        rootText = tm.group(1);
      }
    }
    List<Evidence> ev = new ArrayList<>();
    ev.add(evidence(log, rootLine));
    int rootIndex = root >= 0 ? root : top;
    for (int i = rootIndex + 1; i < Math.min(to, rootIndex + 40); i++) {
      String t = lines.get(i).text().strip();
      if (t.startsWith("at ")) {
        if (!isFrameworkFrame(t)) {
          ev.add(evidence(log, lines.get(i)));
          break;
        }
      } else if (!t.isEmpty() && !t.startsWith("...")) {
        break;
      }
    }
    if (topLine != null && topLine != rootLine) {
      ev.add(evidence(log, topLine));
    }
    Matcher app = APP_FAILED_STATUS.matcher(rootText);
    if (app.find()) {
      return Optional.of(
          new Candidate(
              APP_FAILED,
              diagnosis(
                  CauseCategory.NON_ZERO_EXIT,
                  "Spark application " + app.group(1) + " finished with failed status",
                  "read the driver's log: <LogUri>/<cluster-id>/containers/"
                      + app.group(1)
                      + "/container_..._000001/stderr.gz",
                  ev)));
    }
    return Optional.of(
        new Candidate(JVM, diagnosis(CauseCategory.JVM_EXCEPTION, rootText, null, ev)));
  }

  private static boolean isFrameworkFrame(String frame) {
    String f = frame.substring(3);
    return f.startsWith("java.")
        || f.startsWith("javax.")
        || f.startsWith("jdk.")
        || f.startsWith("sun.")
        || f.startsWith("scala.")
        || f.startsWith("org.apache.spark.")
        || f.startsWith("org.apache.hadoop.")
        || f.startsWith("com.amazon.")
        || f.startsWith("com.amazonaws.")
        || f.startsWith("software.amazon.")
        || f.startsWith("py4j.");
  }

  private static Optional<Candidate> exitCode(LogExcerpt log, List<Line> lines) {
    for (int i = lines.size() - 1; i >= 0; i--) {
      Line l = lines.get(i);
      Matcher m = EXIT_CODE.matcher(l.text());
      if (m.find() && !"0".equals(m.group(1))) {
        return Optional.of(
            new Candidate(
                EXIT,
                diagnosis(
                    CauseCategory.NON_ZERO_EXIT,
                    "the step's process exited with code " + m.group(1),
                    "read the step's stderr.gz and stdout.gz for what the process printed",
                    evidence(log, l))));
      }
    }
    return Optional.empty();
  }

  // --- helpers -----------------------------------------------------------------------------

  private static String firstMatch(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  private static Diagnosis diagnosis(
      CauseCategory category, String cause, String suggestion, Evidence evidence) {
    return diagnosis(category, cause, suggestion, List.of(evidence));
  }

  private static Diagnosis diagnosis(
      CauseCategory category, String cause, String suggestion, List<Evidence> evidence) {
    return Diagnosis.builder()
        .category(category)
        .cause(cut(cause))
        .evidence(evidence)
        .suggestion(Optional.ofNullable(suggestion))
        .build();
  }

  static Evidence evidence(LogExcerpt log, Line l) {
    String text = cut(l.text().strip());
    return Evidence.of(log.uri(), l.number(), text.isEmpty() ? "(empty line)" : text);
  }

  static String cut(String s) {
    String one = s.replaceAll("[\\r\\n]+", " ").strip();
    return one.length() <= Diagnosis.MAX_LINE
        ? one
        : one.substring(0, Diagnosis.MAX_LINE - 1) + "…";
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}

package io.emrlaunch.core.diagnosis;

/** The kind of probable cause a {@link Diagnosis} names. */
public enum CauseCategory {
  /** A bootstrap action exited non-zero on a node, so the cluster never became ready. */
  BOOTSTRAP_FAILURE,
  /** YARN killed a container for exceeding its memory limit (heap plus overhead). */
  CONTAINER_MEMORY_EXCEEDED,
  /** The Spark driver (or the step's JVM) ran out of heap. */
  DRIVER_OUT_OF_MEMORY,
  /** A Spark executor ran out of heap. */
  EXECUTOR_OUT_OF_MEMORY,
  /** Amazon S3 refused access (403 / AccessDenied). */
  S3_ACCESS_DENIED,
  /** A JVM class was not on the class path ({@code ClassNotFoundException}, ...). */
  MISSING_CLASS,
  /** A Python module was not importable ({@code ModuleNotFoundError}, ...). */
  MISSING_PYTHON_MODULE,
  /** An input path did not exist. */
  INPUT_NOT_FOUND,
  /** A Python exception ended the job (the traceback's last frame and exception line). */
  PYTHON_EXCEPTION,
  /** A JVM exception ended the job (the root of its {@code Caused by:} chain). */
  JVM_EXCEPTION,
  /** The step's process exited non-zero and the logs read say nothing more specific. */
  NON_ZERO_EXIT
}

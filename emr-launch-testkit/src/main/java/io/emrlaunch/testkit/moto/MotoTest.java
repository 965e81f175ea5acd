package io.emrlaunch.testkit.moto;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test class against the moto server through {@link MotoExtension}: one server per
 * JVM, state wiped before each test, {@link MotoServer} and the SSM/EMR/Step Functions/IAM/EC2/S3
 * clients injectable as parameters. Where moto is missing the tests are skipped with the reason,
 * unless the system property {@code emrlaunch.requireMoto=true} makes them fail instead. Tagged
 * {@code moto}.
 */
@Documented
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(MotoExtension.class)
@Tag("moto")
public @interface MotoTest {}

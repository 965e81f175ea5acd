/**
 * Typed helpers for the Amazon States Language intrinsic functions ({@code States.Format}, {@code
 * States.Hash}, ...): build a call with {@link
 * io.emrlaunch.stepfunctions.asl.intrinsics.Intrinsics}, render it with {@link
 * io.emrlaunch.stepfunctions.asl.intrinsics.Intrinsic#render()} as the value of a {@code "key.$"}
 * payload field, or read one back with {@link
 * io.emrlaunch.stepfunctions.asl.intrinsics.Intrinsic#parse(String)}. Arity and the documented
 * argument limits are checked when a call is built.
 *
 * <p>Intrinsic functions exist only in JSONPath states; JSONata states use JSONata expressions.
 */
package io.emrlaunch.stepfunctions.asl.intrinsics;

package io.accessproof.server.incidents;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A sink has what its type needs; each problem is reported on its field, naming the sink. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = SinkValidator.class)
public @interface ValidSink {
    String message() default "is not a usable sink";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}

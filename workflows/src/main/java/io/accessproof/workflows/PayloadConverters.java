package io.accessproof.workflows;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;

/**
 * The data converter of every accessproof client and worker. Temporal's default Jackson mapper fails on
 * unknown properties, so adding a field to a record would break every history written before; this one
 * keeps Temporal's defaults (java.time and Optional support) and ignores unknown properties.
 */
public final class PayloadConverters {

    private PayloadConverters() {
    }

    public static DataConverter dataConverter() {
        return DefaultDataConverter.newDefaultInstance()
                .withPayloadConverterOverrides(new JacksonJsonPayloadConverter(objectMapper()));
    }

    /** Temporal's default mapper, tolerant of unknown properties. */
    public static ObjectMapper objectMapper() {
        return JacksonJsonPayloadConverter.newDefaultObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }
}

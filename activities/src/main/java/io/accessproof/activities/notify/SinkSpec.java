package io.accessproof.activities.notify;

/** A sink's name (unique in the configuration, the key of its recorded attempts), type and filter. */
public record SinkSpec(String name, SinkType type, SinkFilter filter) {
    public SinkSpec {
        filter = filter == null ? SinkFilter.ALL : filter;
    }
}

package io.accessproof.activities.notify;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/** A sink that POSTs JSON to one URL. The URL may itself be a secret (Slack's), so it is never shown. */
abstract class HttpSink implements Sink {
    private final SinkSpec spec;
    private final URI url;
    private final JsonPost post;

    HttpSink(SinkSpec spec, URI url, JsonPost post) {
        this.spec = spec;
        this.url = url;
        this.post = post;
    }

    @Override
    public final SinkSpec spec() {
        return spec;
    }

    final int post(String body, Map<String, String> headers) throws IOException, InterruptedException {
        return post.post(url, body, headers);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + spec.name() + "]";
    }
}

package io.accessproof.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeUrlsTest {

    @Test
    void passwordsAndUserInfo_neverReachALogLine() {
        assertThat(SafeUrls.of("jdbc:postgresql://db:5432/ap?user=ap&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/ap?user=ap&password=***&ssl=true");
        assertThat(SafeUrls.of("postgres://ap:hunter2@db:5432/ap")).isEqualTo("postgres://***@db:5432/ap");
        assertThat(SafeUrls.of("jdbc:postgresql://127.0.0.1:5432/ap")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/ap");
    }
}

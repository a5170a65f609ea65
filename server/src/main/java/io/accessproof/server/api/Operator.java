package io.accessproof.server.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A named operator of the API ({@code api.operators}): the audit log names them, so a rotated token keeps
 * the trail. {@code read} may list and show; {@code operate} may also retry, terminate, acknowledge and resolve.
 */
public class Operator {
    public enum Role {
        READ, OPERATE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @NotBlank
    @JsonProperty
    public String name;
    @NotBlank
    @JsonProperty
    public String token;
    @NotNull
    @JsonProperty
    public Role role = Role.READ;

    public Operator() {
    }

    public Operator(String name, String token, Role role) {
        this.name = name;
        this.token = token;
        this.role = role;
    }

    /** Every operator: the named ones, then each flat {@code api.tokens} entry as {@code token-N} with role operate. */
    public static List<Operator> all(List<Operator> named, List<String> flatTokens) {
        List<Operator> all = new ArrayList<>(named);
        for (int i = 0; i < flatTokens.size(); i++) {
            all.add(new Operator("token-" + (i + 1), flatTokens.get(i), Role.OPERATE));
        }
        return all;
    }
}

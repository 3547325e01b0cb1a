package dev.tollgate.server.internal.signin;

import dev.tollgate.server.internal.accounts.Account;
import java.util.LinkedHashMap;
import java.util.Map;

/** The body sign-in and {@code /me} both answer: {@code {"account":{...},"csrfToken"}}. Stateless. */
final class SignedInAnswer {
    private SignedInAnswer() {}

    static Map<String, Object> of(Account account, String csrfToken) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("account", account.describe());
        answer.put("csrfToken", csrfToken);
        return answer;
    }
}

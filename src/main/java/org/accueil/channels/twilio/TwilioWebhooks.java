package org.accueil.channels.twilio;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The door every Twilio webhook goes through first: the request is Twilio's, signed with the
 * account's auth token over the URL Twilio called and every parameter it posted, or it is refused
 * before anything is read into Accueil.
 */
@Component
public class TwilioWebhooks {

  public static final String SIGNATURE = "X-Twilio-Signature";

  private final TwilioAccount account;

  TwilioWebhooks(TwilioAccount account) {
    this.account = account;
  }

  /**
   * The form parameters of a request whose signature holds.
   *
   * @throws ProblemException 401 without a signature, 403 with a wrong one, 503 when no auth token
   *     is configured
   */
  public TwilioForm verify(HttpServletRequest request) {
    String signature = request.getHeader(SIGNATURE);
    if (signature == null || signature.isBlank()) {
      throw ProblemException.of(HttpStatus.UNAUTHORIZED, "twilio-signature-missing")
          .detail("The request has no X-Twilio-Signature header: only Twilio may call this URL.")
          .build();
    }
    String token = account.authToken();
    if (token == null) {
      throw ProblemException.of(HttpStatus.SERVICE_UNAVAILABLE, "twilio-not-configured")
          .detail("The Twilio channel is not configured: its auth token is not set.")
          .build();
    }
    Map<String, List<String>> form = formParameters(request);
    String url = signedUrl(request, account.publicBaseUrl());
    if (!TwilioSignatures.validForm(token, url, form, signature)) {
      throw ProblemException.of(HttpStatus.FORBIDDEN, "twilio-signature-invalid")
          .detail(
              "The X-Twilio-Signature does not sign this request: it was not sent by Twilio with"
                  + " this account's auth token, or it was changed on the way.")
          .build();
    }
    return new TwilioForm(form);
  }

  /**
   * The URL Twilio called: the public base URL and the path and query received when it is set (the
   * proxy in front may rewrite the host and scheme), else as the proxy's X-Forwarded-Proto and
   * X-Forwarded-Host, or the request itself, say.
   */
  static String signedUrl(HttpServletRequest request, @Nullable String publicBaseUrl) {
    String pathAndQuery =
        request.getRequestURI()
            + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    if (publicBaseUrl != null) {
      return publicBaseUrl + pathAndQuery;
    }
    String scheme = first(request.getHeader("X-Forwarded-Proto"));
    String host = first(request.getHeader("X-Forwarded-Host"));
    if (scheme == null) {
      scheme = request.getScheme();
    }
    if (host == null) {
      host = request.getHeader("Host");
    }
    if (host == null) {
      host = request.getServerName() + ":" + request.getServerPort();
    }
    return scheme + "://" + host + pathAndQuery;
  }

  /**
   * The parameters of the body alone: the servlet API mixes the query's in, first, and Twilio signs
   * only the body's (a query parameter is part of the URL it signs).
   */
  static Map<String, List<String>> formParameters(HttpServletRequest request) {
    Map<String, Integer> inQuery = new HashMap<>();
    String query = request.getQueryString();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int equals = pair.indexOf('=');
        String name =
            URLDecoder.decode(
                equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
        inQuery.merge(name, 1, Integer::sum);
      }
    }
    Map<String, List<String>> form = new LinkedHashMap<>();
    request
        .getParameterMap()
        .forEach(
            (name, values) -> {
              int skip = inQuery.getOrDefault(name, 0);
              if (values.length > skip) {
                form.put(name, List.copyOf(Arrays.asList(values).subList(skip, values.length)));
              }
            });
    return form;
  }

  private static @Nullable String first(@Nullable String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    int comma = header.indexOf(',');
    return (comma < 0 ? header : header.substring(0, comma)).trim();
  }
}

package org.accueil.testing;

import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response's body as text, except a live stream (server-sent events), which never ends: it
 * is closed at once and read as empty, so a test checking every endpoint's status and headers does
 * not wait for it.
 */
public final class TextUnlessStream implements HttpResponse.BodyHandler<String> {

  public static final TextUnlessStream INSTANCE = new TextUnlessStream();

  private TextUnlessStream() {}

  @Override
  public BodySubscriber<String> apply(HttpResponse.ResponseInfo info) {
    String type = info.headers().firstValue("Content-Type").orElse("");
    if (type.startsWith("text/event-stream")) {
      return new Closed();
    }
    return HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
  }

  private static final class Closed implements BodySubscriber<String> {
    @Override
    public CompletionStage<String> getBody() {
      return CompletableFuture.completedFuture("");
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.cancel();
    }

    @Override
    public void onNext(List<ByteBuffer> item) {}

    @Override
    public void onError(Throwable throwable) {}

    @Override
    public void onComplete() {}
  }
}

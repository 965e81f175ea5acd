package io.emrlaunch.testkit.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrlaunch.testkit.VirtualTime;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.CreateQueueRequest;
import software.amazon.awssdk.services.sqs.model.CreateQueueResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageResponse;
import software.amazon.awssdk.services.sqs.model.DeleteQueueRequest;
import software.amazon.awssdk.services.sqs.model.DeleteQueueResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.ListQueuesRequest;
import software.amazon.awssdk.services.sqs.model.ListQueuesResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;
import software.amazon.awssdk.services.sqs.model.ReceiptHandleIsInvalidException;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;
import software.amazon.awssdk.services.sqs.model.SetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.SetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * An in-memory Amazon SQS standard queue service in virtual time: {@code CreateQueue}, {@code
 * GetQueueUrl}, {@code GetQueueAttributes}, {@code SetQueueAttributes}, {@code ListQueues}, {@code
 * DeleteQueue}, {@code SendMessage}, {@code ReceiveMessage} (with long polling: a receive with a
 * wait time answers when a message becomes visible or the wait is over, in virtual time), {@code
 * DeleteMessage} and {@code DeleteMessageBatch}. A received message is invisible for the queue's
 * {@code VisibilityTimeout} (default 30 s) and comes back if it is not deleted, as in SQS.
 *
 * <p>{@link #deliver(String, String, String)} is how the in-memory EventBridge hands an event to a
 * queue: it succeeds only when the queue's {@code Policy} lets {@code events.amazonaws.com} send
 * messages from that rule, as SQS checks for EventBridge targets. Reach it through {@code
 * FakeAws.sqs()} / {@code sqsAsync()}. A pending long poll is a task on the virtual scheduler, so
 * {@code VirtualTime.runUntilIdle()} does not return while a consumer keeps polling: drive time
 * with {@code runUntil} or {@code advance}.
 */
public final class FakeSqs {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> SETTABLE =
      Set.of(
          "Policy",
          "VisibilityTimeout",
          "MessageRetentionPeriod",
          "ReceiveMessageWaitTimeSeconds",
          "DelaySeconds",
          "MaximumMessageSize",
          "RedrivePolicy",
          "SqsManagedSseEnabled",
          "KmsMasterKeyId");

  private final VirtualTime time;
  private final String region;
  private final String accountId;
  private final Map<String, Queue> byName = new LinkedHashMap<>();
  private long counter;

  /**
   * Creates the fake.
   *
   * @param time the virtual time of visibility timeouts and long polls
   * @param region region of queue URLs and ARNs
   * @param accountId account of queue URLs and ARNs
   */
  public FakeSqs(VirtualTime time, String region, String accountId) {
    this.time = Objects.requireNonNull(time, "time");
    this.region = Objects.requireNonNull(region, "region");
    this.accountId = Objects.requireNonNull(accountId, "accountId");
  }

  private static final class Queue {
    final String name;
    final String url;
    final String arn;
    final Map<String, String> attributes = new LinkedHashMap<>();
    final List<Msg> messages = new ArrayList<>();
    final List<Poll> polls = new ArrayList<>();
    boolean deleted;

    Queue(String name, String url, String arn) {
      this.name = name;
      this.url = url;
      this.arn = arn;
    }

    int visibilityTimeout() {
      return Integer.parseInt(attributes.getOrDefault("VisibilityTimeout", "30"));
    }

    int waitTime() {
      return Integer.parseInt(attributes.getOrDefault("ReceiveMessageWaitTimeSeconds", "0"));
    }
  }

  private static final class Msg {
    final String id;
    final String body;
    final String md5;
    Instant visibleAt;
    String receiptHandle;
    int receiveCount;
    java.util.concurrent.ScheduledFuture<?> reappears;

    Msg(String id, String body, Instant visibleAt) {
      this.id = id;
      this.body = body;
      this.md5 = md5(body);
      this.visibleAt = visibleAt;
    }
  }

  private static final class Poll {
    final int max;
    final int visibility;
    final CompletableFuture<ReceiveMessageResponse> future;
    ScheduledFuture<?> timeout;

    Poll(int max, int visibility, CompletableFuture<ReceiveMessageResponse> future) {
      this.max = max;
      this.visibility = visibility;
      this.future = future;
    }
  }

  // ------------------------------------------------------------------ queues

  /** CreateQueue: returns the existing queue's URL when the attributes given match it. */
  public synchronized CreateQueueResponse createQueue(CreateQueueRequest request) {
    String name = request.queueName();
    if (name == null || !name.matches("[A-Za-z0-9_-]{1,80}")) {
      throw error(
          "InvalidParameterValue",
          "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
    }
    Map<String, String> given = request.hasAttributes() ? request.attributesAsStrings() : Map.of();
    checkAttributes(given);
    Queue existing = byName.get(name);
    if (existing != null) {
      for (Map.Entry<String, String> e : given.entrySet()) {
        if (!e.getValue().equals(existing.attributes.get(e.getKey()))) {
          throw QueueNameExistsException.builder()
              .message(
                  "A queue already exists with the same name and a different value for attribute "
                      + e.getKey())
              .statusCode(400)
              .awsErrorDetails(
                  details(
                      "QueueAlreadyExists",
                      "A queue already exists with the same name and a different value for attribute "
                          + e.getKey()))
              .build();
        }
      }
      return CreateQueueResponse.builder().queueUrl(existing.url).build();
    }
    Queue q =
        new Queue(
            name,
            "https://sqs." + region + ".amazonaws.com/" + accountId + "/" + name,
            "arn:aws:sqs:" + region + ":" + accountId + ":" + name);
    q.attributes.putAll(given);
    byName.put(name, q);
    return CreateQueueResponse.builder().queueUrl(q.url).build();
  }

  /** GetQueueUrl. */
  public synchronized GetQueueUrlResponse getQueueUrl(GetQueueUrlRequest request) {
    Queue q = byName.get(request.queueName());
    if (q == null) {
      throw noQueue();
    }
    return GetQueueUrlResponse.builder().queueUrl(q.url).build();
  }

  /** ListQueues (by name prefix). */
  public synchronized ListQueuesResponse listQueues(ListQueuesRequest request) {
    String prefix = request.queueNamePrefix() == null ? "" : request.queueNamePrefix();
    List<String> urls = new ArrayList<>();
    byName.values().stream().filter(q -> q.name.startsWith(prefix)).forEach(q -> urls.add(q.url));
    return ListQueuesResponse.builder().queueUrls(urls).build();
  }

  /**
   * GetQueueAttributes: {@code All} or the names asked for; {@code QueueArn} and counts included.
   */
  public synchronized GetQueueAttributesResponse getQueueAttributes(
      GetQueueAttributesRequest request) {
    Queue q = queue(request.queueUrl());
    Map<String, String> all = new LinkedHashMap<>(q.attributes);
    all.put("QueueArn", q.arn);
    all.putIfAbsent("VisibilityTimeout", "30");
    all.putIfAbsent("ReceiveMessageWaitTimeSeconds", "0");
    all.putIfAbsent("MessageRetentionPeriod", "345600");
    Instant now = time.now();
    all.put(
        "ApproximateNumberOfMessages",
        Long.toString(q.messages.stream().filter(m -> !m.visibleAt.isAfter(now)).count()));
    all.put(
        "ApproximateNumberOfMessagesNotVisible",
        Long.toString(q.messages.stream().filter(m -> m.visibleAt.isAfter(now)).count()));
    List<String> names =
        request.hasAttributeNames() ? request.attributeNamesAsStrings() : List.of();
    Map<String, String> out = new LinkedHashMap<>();
    if (names.contains("All")) {
      out.putAll(all);
    } else {
      for (String n : names) {
        if (all.containsKey(n)) {
          out.put(n, all.get(n));
        }
      }
    }
    return GetQueueAttributesResponse.builder().attributesWithStrings(out).build();
  }

  /** SetQueueAttributes. */
  public synchronized SetQueueAttributesResponse setQueueAttributes(
      SetQueueAttributesRequest request) {
    Queue q = queue(request.queueUrl());
    Map<String, String> given = request.hasAttributes() ? request.attributesAsStrings() : Map.of();
    checkAttributes(given);
    q.attributes.putAll(given);
    return SetQueueAttributesResponse.builder().build();
  }

  /** DeleteQueue: its messages are gone; pending long polls answer empty. */
  public DeleteQueueResponse deleteQueue(DeleteQueueRequest request) {
    List<Poll> answer;
    synchronized (this) {
      Queue q = queue(request.queueUrl());
      q.deleted = true;
      byName.remove(q.name);
      q.messages.clear();
      answer = new ArrayList<>(q.polls);
      q.polls.clear();
    }
    for (Poll p : answer) {
      cancel(p.timeout);
      p.future.complete(ReceiveMessageResponse.builder().messages(List.of()).build());
    }
    return DeleteQueueResponse.builder().build();
  }

  // ------------------------------------------------------------------ messages

  /** SendMessage. */
  public SendMessageResponse sendMessage(SendMessageRequest request) {
    Msg m;
    synchronized (this) {
      Queue q = queue(request.queueUrl());
      if (request.messageBody() == null || request.messageBody().isEmpty()) {
        throw error("MissingParameter", "The request must contain the parameter MessageBody.");
      }
      int delay =
          request.delaySeconds() != null
              ? request.delaySeconds()
              : Integer.parseInt(q.attributes.getOrDefault("DelaySeconds", "0"));
      m = enqueue(q, request.messageBody(), Duration.ofSeconds(delay));
    }
    serveLater();
    return SendMessageResponse.builder().messageId(m.id).md5OfMessageBody(m.md5).build();
  }

  /**
   * How the in-memory EventBridge delivers to a queue target: the message is sent when the queue
   * exists and its policy allows {@code events.amazonaws.com} to {@code sqs:SendMessage} from
   * {@code sourceArn} (a statement without a condition, or with an {@code aws:SourceArn} condition
   * naming it).
   *
   * @param queueArn the target queue's ARN
   * @param body the message body (the event JSON)
   * @param sourceArn the rule's ARN
   * @return whether the message was accepted
   */
  public boolean deliver(String queueArn, String body, String sourceArn) {
    synchronized (this) {
      Queue q =
          byName.values().stream().filter(x -> x.arn.equals(queueArn)).findFirst().orElse(null);
      if (q == null || !allowsEvents(q.attributes.get("Policy"), q.arn, sourceArn)) {
        return false;
      }
      enqueue(q, body, Duration.ZERO);
    }
    serveLater();
    return true;
  }

  /**
   * ReceiveMessage. Answers at once when a message is visible or the wait time (the request's, else
   * the queue's {@code ReceiveMessageWaitTimeSeconds}) is 0; otherwise the returned future
   * completes in virtual time, when a message becomes visible or the wait is over (then empty).
   * Through the client views this is an ordinary (long-polling) call.
   *
   * @param request the request
   * @return the response, now or later
   */
  public CompletableFuture<ReceiveMessageResponse> receiveMessage(ReceiveMessageRequest request) {
    CompletableFuture<ReceiveMessageResponse> future = new CompletableFuture<>();
    synchronized (this) {
      Queue q = queue(request.queueUrl());
      int max = request.maxNumberOfMessages() == null ? 1 : request.maxNumberOfMessages();
      if (max < 1 || max > 10) {
        throw error(
            "InvalidParameterValue",
            "Value "
                + max
                + " for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.");
      }
      int wait = request.waitTimeSeconds() == null ? q.waitTime() : request.waitTimeSeconds();
      if (wait < 0 || wait > 20) {
        throw error(
            "InvalidParameterValue",
            "Value "
                + wait
                + " for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.");
      }
      int visibility =
          request.visibilityTimeout() == null ? q.visibilityTimeout() : request.visibilityTimeout();
      List<Message> got = take(q, max, visibility);
      if (!got.isEmpty() || wait == 0) {
        future.complete(ReceiveMessageResponse.builder().messages(got).build());
        return future;
      }
      Poll p = new Poll(max, visibility, future);
      q.polls.add(p);
      p.timeout =
          time.scheduler()
              .schedule(
                  () -> expire(q, p), Duration.ofSeconds(wait).toNanos(), TimeUnit.NANOSECONDS);
    }
    return future;
  }

  /** DeleteMessage. */
  public synchronized DeleteMessageResponse deleteMessage(DeleteMessageRequest request) {
    Queue q = queue(request.queueUrl());
    if (!remove(q, request.receiptHandle())) {
      throw ReceiptHandleIsInvalidException.builder()
          .message("The input receipt handle is invalid.")
          .statusCode(400)
          .awsErrorDetails(
              details("ReceiptHandleIsInvalid", "The input receipt handle is invalid."))
          .build();
    }
    return DeleteMessageResponse.builder().build();
  }

  /** DeleteMessageBatch: up to ten entries; each succeeds or fails on its own. */
  public synchronized DeleteMessageBatchResponse deleteMessageBatch(
      DeleteMessageBatchRequest request) {
    Queue q = queue(request.queueUrl());
    if (!request.hasEntries() || request.entries().isEmpty() || request.entries().size() > 10) {
      throw error(
          request.hasEntries() && !request.entries().isEmpty()
              ? "AWS.SimpleQueueService.TooManyEntriesInBatchRequest"
              : "AWS.SimpleQueueService.EmptyBatchRequest",
          "There should be between 1 and 10 entries in a batch request.");
    }
    List<DeleteMessageBatchResultEntry> ok = new ArrayList<>();
    List<BatchResultErrorEntry> failed = new ArrayList<>();
    for (DeleteMessageBatchRequestEntry e : request.entries()) {
      if (remove(q, e.receiptHandle())) {
        ok.add(DeleteMessageBatchResultEntry.builder().id(e.id()).build());
      } else {
        failed.add(
            BatchResultErrorEntry.builder()
                .id(e.id())
                .code("ReceiptHandleIsInvalid")
                .message("The input receipt handle is invalid.")
                .senderFault(true)
                .build());
      }
    }
    return DeleteMessageBatchResponse.builder().successful(ok).failed(failed).build();
  }

  /**
   * Test view: the bodies of the messages in a queue (visible or not), oldest first.
   *
   * @param queueName the queue's name
   * @return the bodies; empty when the queue does not exist
   */
  public synchronized List<String> messages(String queueName) {
    Queue q = byName.get(queueName);
    return q == null ? List.of() : q.messages.stream().map(m -> m.body).toList();
  }

  /**
   * Test view: a queue's attributes as set by the caller (no computed ones).
   *
   * @param queueName the queue's name
   * @return its attributes; empty when the queue does not exist
   */
  public synchronized Map<String, String> attributes(String queueName) {
    Queue q = byName.get(queueName);
    return q == null ? Map.of() : Map.copyOf(q.attributes);
  }

  // ------------------------------------------------------------------ internals

  private Msg enqueue(Queue q, String body, Duration delay) {
    counter++;
    Msg m = new Msg(new UUID(0x5351L, counter).toString(), body, time.now().plus(delay));
    q.messages.add(m);
    if (!delay.isZero()) {
      time.scheduler().schedule(this::serve, delay.toNanos(), TimeUnit.NANOSECONDS);
    }
    return m;
  }

  private List<Message> take(Queue q, int max, int visibility) {
    Instant now = time.now();
    List<Message> out = new ArrayList<>();
    for (Msg m : q.messages) {
      if (out.size() >= max) {
        break;
      }
      if (m.visibleAt.isAfter(now)) {
        continue;
      }
      counter++;
      m.receiptHandle = m.id + "#" + counter;
      m.receiveCount++;
      m.visibleAt = now.plusSeconds(visibility);
      // A message not deleted in time becomes visible again: wake the long polls then.
      if (m.reappears != null) {
        m.reappears.cancel(false);
      }
      m.reappears =
          time.scheduler()
              .schedule(
                  this::serve, Duration.ofSeconds(visibility).toNanos(), TimeUnit.NANOSECONDS);
      out.add(
          Message.builder()
              .messageId(m.id)
              .receiptHandle(m.receiptHandle)
              .body(m.body)
              .md5OfBody(m.md5)
              .attributesWithStrings(
                  Map.of("ApproximateReceiveCount", Integer.toString(m.receiveCount)))
              .build());
    }
    return out;
  }

  private boolean remove(Queue q, String receiptHandle) {
    if (receiptHandle == null) {
      return false;
    }
    for (Iterator<Msg> it = q.messages.iterator(); it.hasNext(); ) {
      Msg m = it.next();
      if (receiptHandle.equals(m.receiptHandle)) {
        it.remove();
        if (m.reappears != null) {
          // Deleted: it never reappears, and runUntilIdle need not run the clock to that moment.
          m.reappears.cancel(false);
        }
        return true;
      }
    }
    // SQS accepts a stale handle of a message already deleted; an unknown handle is invalid.
    return receiptHandle.contains("#");
  }

  /** Answers waiting long polls after the current task (never from inside a caller's lock). */
  private void serveLater() {
    time.scheduler().execute(this::serve);
  }

  private void serve() {
    List<Map.Entry<Poll, List<Message>>> answers = new ArrayList<>();
    synchronized (this) {
      for (Queue q : byName.values()) {
        for (Iterator<Poll> it = q.polls.iterator(); it.hasNext(); ) {
          Poll p = it.next();
          List<Message> got = take(q, p.max, p.visibility);
          if (got.isEmpty()) {
            break;
          }
          it.remove();
          answers.add(Map.entry(p, got));
        }
      }
    }
    for (Map.Entry<Poll, List<Message>> a : answers) {
      cancel(a.getKey().timeout);
      a.getKey().future.complete(ReceiveMessageResponse.builder().messages(a.getValue()).build());
    }
  }

  private void expire(Queue q, Poll p) {
    synchronized (this) {
      if (!q.polls.remove(p)) {
        return;
      }
    }
    p.future.complete(ReceiveMessageResponse.builder().messages(List.of()).build());
  }

  private static void cancel(ScheduledFuture<?> task) {
    if (task != null) {
      task.cancel(false);
    }
  }

  private Queue queue(String url) {
    if (url != null) {
      int slash = url.lastIndexOf('/');
      Queue q = byName.get(url.substring(slash + 1));
      if (q != null && q.url.equals(url)) {
        return q;
      }
    }
    throw noQueue();
  }

  private static void checkAttributes(Map<String, String> given) {
    for (Map.Entry<String, String> e : given.entrySet()) {
      if (!SETTABLE.contains(e.getKey())) {
        throw error("InvalidAttributeName", "Unknown Attribute " + e.getKey() + ".");
      }
      if (e.getKey().equals("Policy")) {
        try {
          JSON.readTree(e.getValue());
        } catch (java.io.IOException ex) {
          throw error("InvalidAttributeValue", "Invalid value for the parameter Policy.");
        }
      }
    }
  }

  /** Whether a queue policy lets EventBridge send from {@code sourceArn}. */
  static boolean allowsEvents(String policy, String queueArn, String sourceArn) {
    if (policy == null) {
      return false;
    }
    try {
      JsonNode statements = JSON.readTree(policy).path("Statement");
      for (JsonNode s :
          statements.isArray() ? statements : JSON.createArrayNode().add(statements)) {
        if (!"Allow".equals(s.path("Effect").asText())
            || !anyMatches(s.path("Principal").path("Service"), "events.amazonaws.com")
            || !(anyMatches(s.path("Action"), "sqs:SendMessage")
                || anyMatches(s.path("Action"), "sqs:*"))
            || !(s.path("Resource").isMissingNode() || anyMatches(s.path("Resource"), queueArn))) {
          continue;
        }
        JsonNode condition = s.path("Condition");
        if (condition.isMissingNode() || condition.isEmpty()) {
          return true;
        }
        JsonNode source = condition.path("ArnEquals").path("aws:SourceArn");
        if (source.isMissingNode()) {
          source = condition.path("ArnLike").path("aws:SourceArn");
        }
        if (anyMatches(source, sourceArn)) {
          return true;
        }
      }
      return false;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static boolean anyMatches(JsonNode node, String value) {
    if (node.isArray()) {
      for (JsonNode n : node) {
        if (value.equals(n.asText())) {
          return true;
        }
      }
      return false;
    }
    return value.equals(node.asText());
  }

  private static QueueDoesNotExistException noQueue() {
    return QueueDoesNotExistException.builder()
        .message("The specified queue does not exist.")
        .statusCode(400)
        .awsErrorDetails(
            details(
                "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist."))
        .build();
  }

  private static AwsServiceException error(String code, String message) {
    return SqsException.builder()
        .message(message)
        .statusCode(400)
        .awsErrorDetails(details(code, message))
        .build();
  }

  private static software.amazon.awssdk.awscore.exception.AwsErrorDetails details(
      String code, String message) {
    return software.amazon.awssdk.awscore.exception.AwsErrorDetails.builder()
        .errorCode(code)
        .errorMessage(message)
        .serviceName("Sqs")
        .sdkHttpResponse(
            software.amazon.awssdk.http.SdkHttpResponse.builder().statusCode(400).build())
        .build();
  }

  private static String md5(String body) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("MD5").digest(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

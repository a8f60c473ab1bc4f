package com.fieldservice.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fieldservice.events.JobAssigned;
import com.fieldservice.schemas.TopicSpec;
import com.fieldservice.schemas.Topics;
import com.fieldservice.stack.LocalStack;
import com.fieldservice.stack.SnsEmulator;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * SNS publishing throughput, the connector beside a plain PublishBatch loop, with the
 * same messages, to the same emulator topic and its one raw-delivery SQS queue (the
 * emulator's CPU goes to every subscription of a message, so both sides have the same):
 * baseline, connector, baseline, so that drift shows, after a warm-up of each. The
 * connector's pass of the warm-up yields the bodies and attributes the loop publishes.
 */
final class SnsThroughput {

	static final int MESSAGES = 20_000;

	/**
	 * The connector's input, a topic of the benchmark's own, partitioned as every event
	 * topic.
	 */
	static final TopicSpec<String, JobAssigned> INPUT = new TopicSpec<>("benchmark.sns-throughput.v1", String.class,
			JobAssigned.class, Topics.PARTITIONS, Map.of());

	static final String SNS_TOPIC = "sns-throughput-benchmark";

	static final String QUEUE = "sns-throughput-benchmark-all";

	private static final String CONNECTOR_CONFIG = "sns-sink-connector/config/sns-sink.json";

	private static final Duration DELIVERY_TIMEOUT = Duration.ofMinutes(3);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** One measured part: what delivered, its steady rate and CPU cost. */
	record Part(String name, int delivered, DeliveryProgress.Steady steady) {
	}

	/**
	 * @param processes whose CPU time each part reports, in the order of
	 * {@link DeliveryProgress.Steady#cpuSecondsPer1000()}
	 * @param bodyBytes mean size of a message body
	 * @param attributes attributes of each message
	 */
	record Result(List<Part> parts, List<String> processes, double bodyBytes, Set<String> attributes) {

		/** The connector's rate over the mean of the baselines around it. */
		double ratio() {
			double baselines = this.parts.stream()
				.filter(part -> part.name().startsWith("baseline"))
				.mapToDouble(part -> part.steady().messagesPerSecond())
				.average()
				.orElseThrow();
			return connector().steady().messagesPerSecond() / baselines;
		}

		Part connector() {
			return this.parts.stream().filter(part -> part.name().equals("connector")).findFirst().orElseThrow();
		}

	}

	private final LocalStack stack;

	private final EmulatorClients clients;

	/**
	 * Whose CPU time each pass measures: the Connect worker, the emulator, the loop's
	 * JVM, then the machine and the stack, printed as cores busy to tell whether anything
	 * else competed.
	 */
	private List<ProcessCpu> processes;

	private String topicArn;

	private String queueUrl;

	/** Connectors registered so far: each pass registers one of a new name. */
	private int connectors;

	private SnsThroughput(LocalStack stack, EmulatorClients clients) {
		this.stack = stack;
		this.clients = clients;
	}

	static Result run(LocalStack stack, EmulatorClients clients) throws Exception {
		return new SnsThroughput(stack, clients).run();
	}

	private Result run() throws Exception {
		System.out.printf("%n>> throughput: writing %,d JobAssigned records to %s ...%n", MESSAGES, INPUT.name());
		try (var kafka = new KafkaProbe(this.stack.kafka().bootstrapServers());
				var load = new JobAssignedLoad(this.stack.kafka().bootstrapServers(), this.stack.registry().url(),
						INPUT)) {
			kafka.create(INPUT);
			load.backlog(MESSAGES);
		}
		this.topicArn = this.clients.createTopic(SNS_TOPIC);
		this.queueUrl = this.clients.subscribeNewQueue(this.topicArn, QUEUE);
		Path messagesFile = this.stack.settings().dataDir().resolve("sns-throughput-messages.jsonl");
		try (var loop = new BaselinePublisher(this.stack.snsEmulator().endpoint(), this.topicArn, messagesFile,
				this.stack.settings().dataDir().resolve("logs/sns-baseline-loop.log"))) {
			this.processes = List.of(ProcessCpu.connectWorker(), ProcessCpu.snsEmulator(),
					ProcessCpu.of("loop JVM", loop.handle()), ProcessCpu.machine(),
					ProcessCpu.stack(this.stack.settings().dataDir()));
			System.out.println(">> throughput: warm-up, connector (its messages are the baseline's) ...");
			connectorPass("warm-up");
			List<PublishBatchLoop.Message> messages = this.clients.receiveAll(this.queueUrl, MESSAGES)
				.stream()
				.map(PublishBatchLoop.Message::of)
				.toList();
			PublishBatchLoop.write(messages, messagesFile);
			System.out.println(">> throughput: warm-up, baseline ...");
			baselinePass("warm-up", loop);

			System.out.println(">> throughput: baseline, connector, baseline ...");
			List<Part> parts = List.of(baselinePass("baseline, before", loop), connectorPass("connector"),
					baselinePass("baseline, after", loop));
			return new Result(parts, this.processes.stream().map(ProcessCpu::name).toList(),
					messages.stream().mapToInt(message -> message.body().length()).average().orElse(0),
					messages.getFirst().attributes().keySet());
		}
	}

	/**
	 * A new connector, so a new consumer group that reads the input from the beginning;
	 * deleted once the queue holds every message.
	 */
	private Part connectorPass(String name) throws InterruptedException {
		String connector = "sns-sink-throughput-" + ++this.connectors;
		return pass(name, () -> this.stack.connect().register(connector, connectorConfig()),
				() -> this.stack.connect().delete(connector));
	}

	private Part baselinePass(String name, BaselinePublisher loop) throws InterruptedException {
		return pass(name, loop::publishAll, () -> {
		});
	}

	/**
	 * One pass on an emptied queue: publishes every message (or starts to), waits until
	 * the queue holds them all, then cleans up; the messages stay in the queue until the
	 * next pass.
	 */
	private Part pass(String name, Runnable publish, Runnable cleanUp) throws InterruptedException {
		this.clients.purge(this.queueUrl);
		try (var progress = new DeliveryProgress(this.clients, this.queueUrl, this.processes)) {
			publish.run();
			int delivered = progress.awaitDepth(MESSAGES, DELIVERY_TIMEOUT);
			return new Part(name, delivered, progress.steady(MESSAGES));
		}
		finally {
			cleanUp.run();
		}
	}

	/**
	 * The checked-in configuration of the standard topic's connector, for the benchmark's
	 * input and topic, with one task: the loop is one thread, so is the connector; and
	 * batches as full as the loop's.
	 */
	private String connectorConfig() {
		try {
			var config = (ObjectNode) JSON
				.readTree(Files.readString(this.stack.settings().home().resolve(CONNECTOR_CONFIG)));
			config.put("topics", INPUT.name());
			config.put("sns.topic.arn", this.topicArn);
			config.put("aws.region", SnsEmulator.REGION);
			config.put("aws.endpoint.override", this.stack.snsEmulator().endpoint());
			config.put("tasks.max", "1");
			config.put("batch.max.entries", Integer.toString(PublishBatchLoop.BATCH));
			String json = JSON.writeValueAsString(config);
			if (json.contains("${")) {
				throw new IllegalStateException("A placeholder of " + CONNECTOR_CONFIG + " is left: " + json);
			}
			return json;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read " + CONNECTOR_CONFIG, ex);
		}
	}

}

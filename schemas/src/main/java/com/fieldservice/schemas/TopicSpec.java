package com.fieldservice.schemas;

import java.util.List;
import java.util.Map;

/**
 * A Kafka topic with its key and value types, partition count and topic-level configs:
 * the single description from which topics are created (local stack, docker-compose,
 * tests) and clients are typed.
 *
 * <p>
 * A topic may carry records of several Avro types (a job's assignment and its
 * cancellation share the jobId key, hence the partition and the order). The first value
 * type is the topic's own: its schema is registered under {@code <topic>-value},
 * Confluent's TopicNameStrategy; each further type under
 * {@code <topic>-<record full name>}, Confluent's TopicRecordNameStrategy.
 *
 * @param valueTypes the types its values have, the topic's own first
 */
public record TopicSpec<K, V>(String name, Class<K> keyType, List<Class<? extends V>> valueTypes, int partitions,
		Map<String, String> configs) {

	public TopicSpec {
		valueTypes = List.copyOf(valueTypes);
		configs = Map.copyOf(configs);
	}

	/** A topic with values of one type. */
	public TopicSpec(String name, Class<K> keyType, Class<V> valueType, int partitions, Map<String, String> configs) {
		this(name, keyType, List.of(valueType), partitions, configs);
	}

	/** The topic's own value type, registered under {@code <topic>-value}. */
	public Class<? extends V> valueType() {
		return valueTypes.getFirst();
	}

	/**
	 * The registry subject of this topic's values whose Avro record is named
	 * {@code recordFullName}.
	 */
	public String subjectOf(String recordFullName) {
		return valueType().getName().equals(recordFullName) ? name + "-value" : name + "-" + recordFullName;
	}

	/** The registry subjects of this topic's values, the topic's own first. */
	public List<String> subjects() {
		return valueTypes.stream().map((type) -> subjectOf(type.getName())).toList();
	}

}

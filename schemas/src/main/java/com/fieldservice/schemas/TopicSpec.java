package com.fieldservice.schemas;

import java.util.Map;

/**
 * A Kafka topic with its key and value types, partition count and topic-level configs:
 * the single description from which topics are created (local stack, docker-compose,
 * tests) and clients are typed.
 */
public record TopicSpec<K, V>(String name, Class<K> keyType, Class<V> valueType, int partitions,
		Map<String, String> configs) {

	public TopicSpec {
		configs = Map.copyOf(configs);
	}

}

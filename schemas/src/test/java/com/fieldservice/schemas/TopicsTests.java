package com.fieldservice.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTests {

	@Test
	void everyTopicHasAUniqueNameAndARetention() {
		assertThat(Topics.ALL).extracting(TopicSpec::name).doesNotHaveDuplicates();
		assertThat(Topics.ALL).allSatisfy(topic -> assertThat(topic.configs()).containsKey("retention.ms"));
	}

	@Test
	void notificationTopicsArePartitionedLikeTheirSource() {
		// Co-partitioning keeps a job's events in one task from outbox to canonical
		// topic.
		assertThat(Topics.JOB_ASSIGNED.partitions()).isEqualTo(Topics.JOB_ASSIGNED_OUTBOX.partitions());
	}

}

package com.fieldservice.connect.sns;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the messages for one topic, in order, into PublishBatch calls within the SNS
 * limits: at most so many entries and so many bytes in all.
 */
final class BatchPlanner {

	private final int maxEntries;

	private final int maxBytes;

	BatchPlanner(int maxEntries, int maxBytes) {
		this.maxEntries = maxEntries;
		this.maxBytes = maxBytes;
	}

	/**
	 * @param messages messages of one topic, each no larger than the byte limit
	 */
	List<List<SnsMessage>> batches(List<SnsMessage> messages) {
		List<List<SnsMessage>> batches = new ArrayList<>();
		List<SnsMessage> batch = new ArrayList<>();
		int bytes = 0;
		for (SnsMessage message : messages) {
			if (!batch.isEmpty() && (batch.size() == this.maxEntries || bytes + message.size() > this.maxBytes)) {
				batches.add(batch);
				batch = new ArrayList<>();
				bytes = 0;
			}
			batch.add(message);
			bytes += message.size();
		}
		if (!batch.isEmpty()) {
			batches.add(batch);
		}
		return batches;
	}

}

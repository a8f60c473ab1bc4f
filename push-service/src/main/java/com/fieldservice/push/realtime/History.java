package com.fieldservice.push.realtime;

import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The notification topics' past, read back for clients that resume: the Kafka feed
 * implements it.
 */
@FunctionalInterface
public interface History {

	/**
	 * Reads every partition of {@code from} from its offset up to at least the offset
	 * {@code to} gives it, in offset order per partition, passing each record of one of
	 * {@code audiences} to {@code sink}.
	 * @param timeout longest the whole reading may take
	 * @return the position reached in each partition, at or beyond {@code to}
	 * @throws RuntimeException when the topics cannot be read, or not within
	 * {@code timeout}; what {@code sink} throws ends the reading too
	 */
	Cursor replay(Set<Audience> audiences, Cursor from, Cursor to, Duration timeout, Consumer<Notification> sink);

	/**
	 * The oldest offset each of {@code partitions} still holds: records before it are
	 * past the topic's retention. None for a history that keeps everything.
	 * @throws RuntimeException when the topics cannot be read
	 */
	default Cursor oldest(Set<StreamPartition> partitions) {
		return Cursor.NONE;
	}

}

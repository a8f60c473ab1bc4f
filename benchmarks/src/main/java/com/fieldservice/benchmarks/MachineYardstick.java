package com.fieldservice.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A fixed piece of Java work (drawing and sorting a million numbers, filling and probing
 * a hash table of 8 MB: branches and cache misses) timed by its thread's CPU. It
 * allocates nothing but its two arrays a round, so the collector of the JVM it runs in
 * hardly changes it. The same code costs more on some days than on others on a shared
 * machine; a benchmark prints this beside its figures so that runs of different days can
 * be compared.
 */
final class MachineYardstick {

	private static final int WARM_UPS = 3;

	static final int ROUNDS = 7;

	private static final int NUMBERS = 1 << 20;

	private static final int SLOTS = 1 << 20;

	/**
	 * Where the work's result goes, so that the JIT compiler cannot drop it as unused.
	 */
	private static volatile long result;

	private MachineYardstick() {
	}

	/**
	 * The least CPU, in milliseconds, of several rounds of the work, after warm-up
	 * rounds.
	 */
	static double measure() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		if (!threads.isCurrentThreadCpuTimeSupported() || !threads.isThreadCpuTimeEnabled()) {
			throw new IllegalStateException("This JVM does not measure a thread's CPU time");
		}
		long checksum = 0;
		long least = Long.MAX_VALUE;
		for (int round = 0; round < WARM_UPS + ROUNDS; round++) {
			long start = threads.getCurrentThreadCpuTime();
			checksum += work();
			long used = threads.getCurrentThreadCpuTime() - start;
			if (round >= WARM_UPS) {
				least = Math.min(least, used);
			}
		}
		result = checksum;
		return least / 1e6;
	}

	private static long work() {
		long[] numbers = new SplittableRandom(42).longs(NUMBERS).toArray();
		Arrays.sort(numbers);
		long[] slots = new long[SLOTS];
		// Every other number: the table stays half empty, so every probe ends at a free
		// slot.
		for (int i = 0; i < NUMBERS; i += 2) {
			slots[slot(slots, numbers[i])] = numbers[i];
		}
		long found = 0;
		for (long number : numbers) {
			if (slots[slot(slots, number)] == number) {
				found++;
			}
		}
		return found + numbers[NUMBERS / 2];
	}

	/**
	 * Linear probing: the slot holding {@code key}, or the free one where it would go.
	 */
	private static int slot(long[] slots, long key) {
		int slot = (int) (key ^ (key >>> 29)) & (SLOTS - 1);
		while (slots[slot] != 0 && slots[slot] != key) {
			slot = (slot + 1) & (SLOTS - 1);
		}
		return slot;
	}

}

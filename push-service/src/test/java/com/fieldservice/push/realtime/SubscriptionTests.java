package com.fieldservice.push.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.fieldservice.push.security.Subscriber;

class SubscriptionTests {

	private static final Subscriber D1 = Subscriber.dispatcher("D-1", List.of("north", "emergency"));

	private static final Subscriber C7 = Subscriber.contractor("C-7");

	@Test
	void withoutDestinationsSubscribesToEverythingTheTokenAllows() {
		assertThat(Subscription.of(D1, List.of()).destinations()).containsExactly("dispatcher:emergency",
				"dispatcher:north");
		assertThat(Subscription.of(C7, List.of()).destinations()).containsExactly("contractor:C-7");
	}

	@Test
	void aDispatcherMayNarrowToSomeOfItsGroupsInOneOrSeveralParameters() {
		assertThat(Subscription.of(D1, List.of("dispatcher:north")).audiences())
			.containsExactly(Audience.dispatchGroup("north"));
		assertThat(Subscription.of(D1, List.of("dispatcher:north", " dispatcher:emergency ")).audiences())
			.containsExactlyInAnyOrder(Audience.dispatchGroup("north"), Audience.dispatchGroup("emergency"));
		assertThat(Subscription.of(D1, List.of("dispatcher:north,dispatcher:emergency")).audiences()).hasSize(2);
	}

	@Test
	void aContractorMaySubscribeToItselfExplicitly() {
		assertThat(Subscription.of(C7, List.of("contractor:C-7")).audiences())
			.containsExactly(Audience.contractor("C-7"));
	}

	@Test
	void knowsThePartitionsHoldingItsRecords() {
		var subscription = Subscription.of(D1, List.of());

		// With few partitions both groups may hash to one: a set of the two.
		assertThat(subscription.partitions()).isEqualTo(Stream.of("north", "emergency")
			.map((group) -> StreamPartition.of(Audience.dispatchGroup(group)))
			.collect(Collectors.toSet()));
	}

	@Nested
	class Forbids {

		@Test
		void aContractorAnotherContractorsNotifications() {
			assertForbidden(C7, "contractor:C-8", "contractor C-7 may not subscribe to contractor:C-8");
		}

		@Test
		void aContractorADispatchGroup() {
			assertForbidden(C7, "dispatcher:north", "contractor C-7 may not subscribe to dispatcher:north");
		}

		@Test
		void aContractorADispatchGroupNamedLikeItself() {
			assertForbidden(C7, "dispatcher:C-7", "may not subscribe to dispatcher:C-7");
		}

		@Test
		void aDispatcherAGroupOutsideItsToken() {
			assertForbidden(D1, "dispatcher:south", "dispatcher D-1 may not subscribe to dispatcher:south");
		}

		@Test
		void aDispatcherAContractor() {
			assertForbidden(D1, "contractor:C-7", "dispatcher D-1 may not subscribe to contractor:C-7");
		}

		private void assertForbidden(Subscriber subscriber, String destination, String message) {
			assertThatThrownBy(() -> Subscription.of(subscriber, List.of(destination)))
				.isInstanceOfSatisfying(Refusal.class,
						(refusal) -> assertThat(refusal.code()).isEqualTo(Refusal.FORBIDDEN))
				.hasMessageContaining(message);
		}

	}

	@Nested
	class RejectsAsBadRequest {

		@Test
		void aDestinationWithoutKey() {
			assertBadRequest("dispatcher");
			assertBadRequest("dispatcher:");
		}

		@Test
		void anUnknownStream() {
			assertBadRequest("admin:everything");
		}

		@Test
		void tooManyDestinations() {
			assertBadRequest("dispatcher:north,".repeat(101));
		}

		private void assertBadRequest(String destination) {
			assertThatThrownBy(() -> Subscription.of(D1, List.of(destination))).isInstanceOfSatisfying(Refusal.class,
					(refusal) -> assertThat(refusal.code()).isEqualTo(Refusal.BAD_REQUEST));
		}

	}

}

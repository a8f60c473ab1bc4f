package com.fieldservice.push.security;

import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Development-only login: hands out signed tokens for any dispatcher, contractor or admin
 * and lists the demo identities. Exists only in the {@code dev} profile, where the secret
 * is a well-known default. Ids follow the API's rule (1 to 64 letters, digits, '.', '_',
 * '-'), so a token never names a subject the API would refuse.
 */
@RestController
@Profile(SecurityConfiguration.DEV_PROFILE)
@RequestMapping("/dev")
class DevTokenController {

	private static final int MAX_ID_LENGTH = 64;

	private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_ID_LENGTH + "}");

	private final DevTokens tokens;

	DevTokenController(TokenProperties properties) {
		this.tokens = new DevTokens(properties, Clock.systemUTC());
	}

	/**
	 * A dispatcher token; without {@code groups}, the demo dispatcher's own groups.
	 * Groups arrive as one comma-separated value (repeated parameters are joined with
	 * commas) and are split here rather than by Spring's converter, which trims each
	 * element and so would turn {@code "D\0"} into {@code "D"}.
	 */
	@GetMapping(path = "/tokens/dispatcher", produces = MediaType.TEXT_PLAIN_VALUE)
	String dispatcher(@RequestParam(required = false) String sub, @RequestParam(required = false) String groups) {
		String dispatcher = idOrDefault(sub, "D-1");
		List<String> covered = (groups != null) ? List.of(groups.split(",", -1)) : DemoUser.groupsOf(dispatcher);
		covered.forEach(DevTokenController::requireId);
		return tokens.issue(Subscriber.dispatcher(dispatcher, covered));
	}

	@GetMapping(path = "/tokens/contractor", produces = MediaType.TEXT_PLAIN_VALUE)
	String contractor(@RequestParam(required = false) String sub) {
		return tokens.issue(Subscriber.contractor(idOrDefault(sub, "C-7")));
	}

	/** A token of the admin role, which creates reference data in assignment-service. */
	@GetMapping(path = "/tokens/admin", produces = MediaType.TEXT_PLAIN_VALUE)
	String admin(@RequestParam(required = false) String sub) {
		return tokens.issueAdmin(idOrDefault(sub, "A-1"));
	}

	@GetMapping("/demo-users")
	List<DemoUser> demoUsers() {
		return DemoUser.ALL;
	}

	/**
	 * The default applies only when {@code sub} is absent: Spring's {@code defaultValue}
	 * would also replace an empty {@code sub=}, which is a malformed id.
	 */
	private static String idOrDefault(String sub, String demoId) {
		return (sub != null) ? requireId(sub) : demoId;
	}

	private static String requireId(String id) {
		if (!ID.matcher(id).matches()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"Ids are 1 to " + MAX_ID_LENGTH + " letters, digits, '.', '_' or '-'");
		}
		return id;
	}

}

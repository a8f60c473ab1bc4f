package com.fieldservice.push.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A request authenticated by a valid token, with the {@link Subscriber} it names as
 * principal.
 */
final class SubscriberAuthentication extends AbstractAuthenticationToken {

	private final Subscriber subscriber;

	private final transient Jwt token;

	SubscriberAuthentication(Subscriber subscriber, Jwt token) {
		super(List.of(new SimpleGrantedAuthority("ROLE_" + subscriber.role().name())));
		this.subscriber = subscriber;
		this.token = token;
		setAuthenticated(true);
	}

	Subscriber subscriber() {
		return subscriber;
	}

	Jwt token() {
		return token;
	}

	@Override
	public Object getPrincipal() {
		return subscriber;
	}

	@Override
	public Object getCredentials() {
		return token;
	}

	@Override
	public String getName() {
		return subscriber.subject();
	}

}

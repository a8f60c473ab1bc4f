package com.fieldservice.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Problem details at the edge of every HTTP service that has this module: the error
 * endpoint and Tomcat's own error reports.
 */
@AutoConfiguration
@AutoConfigureBefore(ErrorMvcAutoConfiguration.class)
public class WebSupportAutoConfiguration {

	/** Replaces Spring Boot's BasicErrorController, which backs off when one exists. */
	@Bean
	ProblemDetailsErrorController problemDetailsErrorController() {
		return new ProblemDetailsErrorController();
	}

	/** Ahead of every other filter, so nothing reads a body of an unusable media type. */
	@Bean
	FilterRegistrationBean<ContentTypeFilter> contentTypeFilter() {
		var registration = new FilterRegistrationBean<>(new ContentTypeFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	@ConditionalOnClass(StandardHost.class)
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemDetailsErrorValve() {
		return (factory) -> factory.addContextCustomizers((context) -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(ProblemDetailsErrorValve.class.getName());
			}
		});
	}

}

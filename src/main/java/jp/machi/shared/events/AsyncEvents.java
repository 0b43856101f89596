package jp.machi.shared.events;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * After-commit listeners ({@code @ApplicationModuleListener}) run on their own (virtual) thread, so a slow or failing
 * listener never delays or fails the request that published the event. Their work is not lost: Spring Modulith's
 * event publication registry stores every publication in the publishing transaction and re-runs the ones that did
 * not complete at the next start (see docs/architecture.md, "Events").
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
public class AsyncEvents {}

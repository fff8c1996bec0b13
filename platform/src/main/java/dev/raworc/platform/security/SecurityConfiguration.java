package dev.raworc.platform.security;

import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import dev.raworc.platform.web.ErrorCode;
import dev.raworc.platform.web.ErrorResponses;

/**
 * Stateless bearer-token security. Only health, version, login, the API docs and the management
 * port are public; every other path needs a valid token, and refusals answer in the error envelope.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String[] PUBLIC_PATHS = {
            "/api/v0/health", "/api/v0/version", "/api/v0/auth/login",
            "/api/v0/openapi.json", "/api/v0/openapi.json/**", "/api/v0/docs", "/api/v0/docs/**",
            "/api/v0/swagger-ui/**", "/error"};

    /**
     * Metrics and probes. They are served only on the management port (the API port never serves
     * them: ManagementPortCheck keeps the two apart), which answers without a token.
     */
    static final String MANAGEMENT_PATHS = "/actuator/**";

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, BearerAuthentication authentication, ErrorResponses errors)
            throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new BearerTokenFilter(authentication), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        // the second dispatch of a long poll, or of an error, continues an authorised request
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers(PUBLIC_PATHS).permitAll()
                        .requestMatchers(MANAGEMENT_PATHS).permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((request, response, exception) -> {
                            Object reason = request.getAttribute(BearerTokenFilter.REFUSAL_REASON);
                            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                            errors.write(response, ErrorCode.UNAUTHORIZED,
                                    reason != null ? reason.toString() : "Missing bearer token");
                        })
                        .accessDeniedHandler((request, response, exception) ->
                                errors.write(response, ErrorCode.FORBIDDEN, "Not permitted")))
                .build();
    }

    /**
     * Lets every method through to Spring MVC, which answers an unknown one (PROPFIND, say) with 405
     * and the target's {@code Allow} header, instead of a bare 400. That is safe here because no
     * authorisation rule depends on the method: permissions are checked per handler, after mapping.
     */
    @Bean
    StrictHttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setUnsafeAllowAnyHttpMethod(true);
        return firewall;
    }
}

package dev.raworc.platform.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;

import dev.raworc.api.DomainException;

/**
 * Which URLs webhooks may be sent to: http or https only, and (unless
 * {@code raworc.webhooks.allow-private-targets}) none whose host resolves to an address inside the
 * installation's own networks, so a webhook cannot be used to reach internal services (SSRF). The
 * command side checks on create and update; the delivery checks again against the address it
 * resolves then, as DNS may have changed since.
 */
@Component
public class WebhookTargets {

    static final int MAX_URL_LENGTH = 2048;

    private final WebhookProperties properties;

    WebhookTargets(WebhookProperties properties) {
        this.properties = properties;
    }

    /** @throws DomainException (400) naming what is wrong with the URL or where it leads */
    public URI check(String url) {
        URI uri = parse(url);
        resolve(uri);
        return uri;
    }

    /**
     * The target's addresses now, every one of them allowed.
     *
     * @throws DomainException (400) when the host does not resolve or one address is refused
     */
    public List<InetAddress> resolve(URI uri) {
        List<InetAddress> addresses;
        try {
            addresses = List.of(InetAddress.getAllByName(uri.getHost()));
        } catch (UnknownHostException e) {
            throw DomainException.malformed("url: host '" + uri.getHost() + "' does not resolve");
        }
        if (!properties.allowPrivateTargets()) {
            for (InetAddress address : addresses) {
                if (isInternal(address)) {
                    throw DomainException.malformed("url: host '" + uri.getHost() + "' resolves to "
                            + address.getHostAddress() + ", a loopback, private, link-local or unspecified address; "
                            + "such targets need raworc.webhooks.allow-private-targets");
                }
            }
        }
        return addresses;
    }

    static URI parse(String url) {
        if (url == null || url.isBlank() || url.length() > MAX_URL_LENGTH) {
            throw DomainException.malformed("url: must be an http or https URL of at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw DomainException.malformed("url: is not a valid URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw DomainException.malformed("url: must use http or https");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw DomainException.malformed("url: must name a host, without user info or fragment");
        }
        return uri;
    }

    /** Loopback, RFC 1918 and RFC 4193 (unique-local fc00::/7), link-local, the unspecified address and multicast. */
    static boolean isInternal(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean uniqueLocal = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
        boolean carrierGradeNat = bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal || carrierGradeNat;
    }
}

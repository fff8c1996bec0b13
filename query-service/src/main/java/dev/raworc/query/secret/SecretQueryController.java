package dev.raworc.query.secret;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.raworc.api.DomainException;
import dev.raworc.api.secret.SecretView;
import dev.raworc.platform.access.ListScope;
import dev.raworc.platform.access.RequiresPermission;
import dev.raworc.platform.access.Resource;
import dev.raworc.platform.access.SecretTargets;
import dev.raworc.platform.access.Verb;
import dev.raworc.platform.web.ApiException;
import dev.raworc.platform.web.ErrorCode;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

/**
 * The reads of a space's secrets, in both path forms, without values. {@code show_values=true}
 * is a disclosure, which records an event first: the command side serves it (its
 * {@code SecretDisclosureController}; the gateway routes it there), never this side.
 */
@RestController
class SecretQueryController {

    private final SecretViews views;
    private final SecretTargets targets;

    SecretQueryController(SecretViews views, SecretTargets targets) {
        this.views = views;
        this.targets = targets;
    }

    @GetMapping({"/spaces/{space}/secrets", "/secrets"})
    @RequiresPermission(resource = Resource.SECRETS, verb = Verb.LIST)
    @Operation(summary = "List a space's secrets by key; values only with show_values=true and read-values permission")
    Page<SecretView> list(@PathVariable(required = false) String space,
                          @RequestParam(name = "space", required = false) String spaceParameter,
                          @RequestParam(name = "show_values", defaultValue = "false") boolean showValues,
                          ListScope scope, PageRequest page) {
        refuseDisclosure(showValues);
        String inSpace = targets.existingSpace(space, spaceParameter);
        if (!scope.coversSpace(inSpace)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "Not permitted to list secrets in space '" + inSpace + "'");
        }
        return views.list(inSpace, scope, page);
    }

    @GetMapping({"/spaces/{space}/secrets/{key}", "/secrets/{key}"})
    @RequiresPermission(resource = Resource.SECRETS, verb = Verb.GET)
    @Operation(summary = "A secret's metadata; its value only with show_values=true and read-values permission")
    SecretView get(@PathVariable(required = false) String space,
                   @RequestParam(name = "space", required = false) String spaceParameter,
                   @PathVariable String key,
                   @RequestParam(name = "show_values", defaultValue = "false") boolean showValues) {
        refuseDisclosure(showValues);
        String inSpace = SecretTargets.spaceOf(space, spaceParameter);
        return views.find(inSpace, key)
                .orElseThrow(() -> DomainException.notFound("Secret '" + key + "' not found in space '" + inSpace + "'"));
    }

    /**
     * Reached with a true show_values only when no command side serves it here (a query-only
     * process) or when spelled other than {@code true} (1, yes): a clear 400, never values unaudited.
     */
    private static void refuseDisclosure(boolean showValues) {
        if (showValues) {
            throw new ApiException(ErrorCode.BAD_REQUEST,
                    "show_values: values are shown only for show_values=true, which the command service answers");
        }
    }
}

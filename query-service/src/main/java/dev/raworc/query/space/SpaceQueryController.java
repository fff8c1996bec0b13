package dev.raworc.query.space;

import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.raworc.api.DomainException;
import dev.raworc.api.space.FindSpaceQuery;
import dev.raworc.api.space.SpaceView;
import dev.raworc.platform.access.ListScope;
import dev.raworc.platform.access.RequiresPermission;
import dev.raworc.platform.access.Resource;
import dev.raworc.platform.access.Verb;
import dev.raworc.platform.web.paging.Page;
import dev.raworc.platform.web.paging.PageRequest;

/** The reads of {@code /spaces}. */
@RestController
class SpaceQueryController {

    private final SpaceViews views;

    SpaceQueryController(SpaceViews views) {
        this.views = views;
    }

    @GetMapping("/spaces")
    @RequiresPermission(resource = Resource.SPACES, verb = Verb.LIST)
    @Operation(summary = "List the spaces the caller may see, oldest first; ?active=true|false filters")
    Page<SpaceView> list(@RequestParam(required = false) Boolean active, ListScope scope, PageRequest page) {
        return views.list(active, scope, page);
    }

    @GetMapping("/spaces/{name}")
    @RequiresPermission(resource = Resource.SPACES, verb = Verb.GET)
    @Operation(summary = "A space, by name")
    SpaceView get(@PathVariable String name) {
        return views.handle(new FindSpaceQuery(name))
                .orElseThrow(() -> DomainException.notFound("Space '" + name + "' not found"));
    }
}

#pragma once

namespace bunny::backend::http {

class Router;

/// The one place that lists the server's routes (see backend/README.md, "Adding a route").
void addRoutes(Router &router);

} // namespace bunny::backend::http

# Warnings for our own targets only: third-party headers come in as SYSTEM includes.
add_library(bunny_warnings INTERFACE)
add_library(Bunny::Warnings ALIAS bunny_warnings)
target_compile_options(bunny_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor -Wcast-qual -Wformat=2
    $<$<BOOL:${BUNNY_WERROR}>:-Werror>)
target_compile_definitions(bunny_warnings INTERFACE
    QT_NO_CONTEXTLESS_CONNECT)

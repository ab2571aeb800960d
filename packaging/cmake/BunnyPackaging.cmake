# Debian packages with CPack (`cpack -G DEB` in the build folder; tests/packaging/test-debs.sh
# builds, installs and checks them):
#   bunny-code    component app:    bunny, its desktop entry, icon and the application/x-bunnyrec type
#   bunny-server  component server: bunnyd, bunnyctl, bunny-box-init, the systemd unit, the default
#                 config (a conffile), the bundled problems and the operator docs
# Depends come from dpkg-shlibdeps plus what is run rather than linked (bubblewrap, adduser).
include(GNUInstallDirs)

# The packaging test (tests/packaging) builds only what the packages hold, not every test and
# benchmark, so installing must not rebuild `all` first.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

set(_bunny_pkg ${CMAKE_CURRENT_SOURCE_DIR}/packaging)
if(BUNNY_BUILD_BACKEND)
    install(FILES ${_bunny_pkg}/systemd/bunnyd.service
            DESTINATION lib/systemd/system COMPONENT server)
    # Absolute: /etc is outside the /usr prefix; under /etc CPack marks it a conffile.
    install(FILES ${_bunny_pkg}/config/bunnyd.properties
            DESTINATION /etc/bunny COMPONENT server)
    install(FILES ${_bunny_pkg}/OPERATIONS.md ${_bunny_pkg}/nginx/bunny.conf
            DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/bunny-server COMPONENT server)
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME bunny)
# Each package's description below starts with its own summary line.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "")
set(CPACK_PACKAGE_VENDOR "Bunny Code")
set(CPACK_PACKAGE_CONTACT "Bunny Code maintainers <maintainers@bunnycode.invalid>")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://bunnycode.invalid")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)

set(CPACK_COMPONENTS_ALL)
if(BUNNY_BUILD_APP)
    list(APPEND CPACK_COMPONENTS_ALL app)
endif()
if(BUNNY_BUILD_BACKEND)
    list(APPEND CPACK_COMPONENTS_ALL server)
endif()

set(CPACK_DEBIAN_APP_PACKAGE_NAME bunny-code)
set(CPACK_DEBIAN_APP_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_APP_DESCRIPTION
    "Bunny Code desktop IDE\nEdit code, run it, keep versions with git, record every edit and replay any\nrecording like a video; fight live 1v1 coding battles.")
# Run (F5) uses the host's toolchains; none is needed to edit or replay.
set(CPACK_DEBIAN_APP_PACKAGE_RECOMMENDS "python3, gcc, g++")
set(CPACK_DEBIAN_APP_PACKAGE_SUGGESTS "nodejs, default-jdk-headless, golang-go, rustc")

set(CPACK_DEBIAN_SERVER_PACKAGE_NAME bunny-server)
set(CPACK_DEBIAN_SERVER_PACKAGE_SECTION net)
set(CPACK_DEBIAN_SERVER_DESCRIPTION
    "Bunny Code server (bunnyd) and bunnyctl\nAccounts, projects, recordings, sandboxed code runs, problems and battles over\nREST and WebSocket, run under systemd.")
set(CPACK_DEBIAN_SERVER_PACKAGE_DEPENDS "adduser, bubblewrap")
# The languages GET /languages offers are those whose toolchains are installed.
set(CPACK_DEBIAN_SERVER_PACKAGE_RECOMMENDS "python3, gcc, g++, nodejs")
set(CPACK_DEBIAN_SERVER_PACKAGE_SUGGESTS
    "default-jdk-headless, golang-go, rustc, docker.io, postgresql, redis-server, nginx, sqlite3")
set(CPACK_DEBIAN_SERVER_PACKAGE_CONTROL_EXTRA
    ${_bunny_pkg}/debian/server/postinst ${_bunny_pkg}/debian/server/prerm ${_bunny_pkg}/debian/server/postrm
    ${_bunny_pkg}/debian/server/conffiles)

include(CPack)

# All third-party code comes from the system (Debian packages, see scripts/bootstrap);
# nothing is vendored or downloaded at build time.
find_package(Boost 1.74 REQUIRED)            # Spirit X3 and Graph are header-only
find_package(SQLite3 REQUIRED)
find_package(PostgreSQL REQUIRED)            # libpq: the case base on a PostgreSQL server
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(ICU REQUIRED COMPONENTS uc i18n)
find_package(Threads REQUIRED)

# ICU and SQLite, shared or static as the executable being linked chooses: every target links
# mpadvisor::icu and mpadvisor::sqlite, and an executable whose MPADVISOR_STATIC_DEPS property
# is ON gets their static archives. The command line does: loading a shared library means
# resolving its symbol relocations on every start, and ICU's were a third of a one-shot
# `mpadvisor` process, SQLite's 1,600 a tenth of what was left (docs/speed.md). Tests and
# benchmarks keep the shared libraries, which link faster and take less disk.
set(_static_deps "$<BOOL:$<TARGET_PROPERTY:MPADVISOR_STATIC_DEPS>>")
find_library(MPADVISOR_ICU_I18N_ARCHIVE NAMES libicui18n.a)
find_library(MPADVISOR_ICU_UC_ARCHIVE NAMES libicuuc.a)
find_library(MPADVISOR_ICU_DATA_ARCHIVE NAMES libicudata.a)
add_library(mpadvisor_icu INTERFACE)
add_library(mpadvisor::icu ALIAS mpadvisor_icu)
target_include_directories(mpadvisor_icu SYSTEM INTERFACE ${ICU_INCLUDE_DIRS})
if(MPADVISOR_ICU_I18N_ARCHIVE AND MPADVISOR_ICU_UC_ARCHIVE AND MPADVISOR_ICU_DATA_ARCHIVE)
  target_link_libraries(mpadvisor_icu INTERFACE
    "$<${_static_deps}:${MPADVISOR_ICU_I18N_ARCHIVE}>" "$<${_static_deps}:${MPADVISOR_ICU_UC_ARCHIVE}>"
    "$<${_static_deps}:${MPADVISOR_ICU_DATA_ARCHIVE}>" "$<${_static_deps}:Threads::Threads>"
    "$<${_static_deps}:${CMAKE_DL_LIBS}>"
    "$<$<NOT:${_static_deps}>:ICU::i18n>" "$<$<NOT:${_static_deps}>:ICU::uc>")
else()  # no static archives on this system (libicu-dev ships them on Debian and Ubuntu)
  target_link_libraries(mpadvisor_icu INTERFACE ICU::i18n ICU::uc)
endif()
find_library(MPADVISOR_SQLITE_ARCHIVE NAMES libsqlite3.a)
add_library(mpadvisor_sqlite INTERFACE)
add_library(mpadvisor::sqlite ALIAS mpadvisor_sqlite)
target_include_directories(mpadvisor_sqlite SYSTEM INTERFACE ${SQLite3_INCLUDE_DIRS})
if(MPADVISOR_SQLITE_ARCHIVE)  # libsqlite3-dev ships it, built with FTS5 as the shared library
  target_link_libraries(mpadvisor_sqlite INTERFACE
    "$<${_static_deps}:${MPADVISOR_SQLITE_ARCHIVE}>" "$<${_static_deps}:Threads::Threads>"
    "$<${_static_deps}:${CMAKE_DL_LIBS}>" "$<${_static_deps}:m>"
    "$<$<NOT:${_static_deps}>:SQLite::SQLite3>")
else()
  target_link_libraries(mpadvisor_sqlite INTERFACE SQLite::SQLite3)
endif()
if(MPADVISOR_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(MPADVISOR_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()

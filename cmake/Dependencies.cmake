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
if(MPADVISOR_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(MPADVISOR_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()

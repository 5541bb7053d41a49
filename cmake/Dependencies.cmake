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

# ICU, shared or static as the executable being linked chooses: every target links
# mpadvisor::icu, and an executable whose MPADVISOR_STATIC_ICU property is ON gets ICU's static
# archives. The command line does: loading ICU's shared libraries and resolving their
# thousands of symbol relocations was a third of a one-shot `mpadvisor` process (README, Speed).
# Tests and benchmarks keep the shared libraries, which link faster and take less disk.
find_library(MPADVISOR_ICU_I18N_ARCHIVE NAMES libicui18n.a)
find_library(MPADVISOR_ICU_UC_ARCHIVE NAMES libicuuc.a)
find_library(MPADVISOR_ICU_DATA_ARCHIVE NAMES libicudata.a)
add_library(mpadvisor_icu INTERFACE)
add_library(mpadvisor::icu ALIAS mpadvisor_icu)
target_include_directories(mpadvisor_icu SYSTEM INTERFACE ${ICU_INCLUDE_DIRS})
set(_static_icu "$<BOOL:$<TARGET_PROPERTY:MPADVISOR_STATIC_ICU>>")
if(MPADVISOR_ICU_I18N_ARCHIVE AND MPADVISOR_ICU_UC_ARCHIVE AND MPADVISOR_ICU_DATA_ARCHIVE)
  target_link_libraries(mpadvisor_icu INTERFACE
    "$<${_static_icu}:${MPADVISOR_ICU_I18N_ARCHIVE}>" "$<${_static_icu}:${MPADVISOR_ICU_UC_ARCHIVE}>"
    "$<${_static_icu}:${MPADVISOR_ICU_DATA_ARCHIVE}>" "$<${_static_icu}:Threads::Threads>"
    "$<${_static_icu}:${CMAKE_DL_LIBS}>"
    "$<$<NOT:${_static_icu}>:ICU::i18n>" "$<$<NOT:${_static_icu}>:ICU::uc>")
else()  # no static archives on this system (libicu-dev ships them on Debian and Ubuntu)
  target_link_libraries(mpadvisor_icu INTERFACE ICU::i18n ICU::uc)
endif()
if(MPADVISOR_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(MPADVISOR_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()

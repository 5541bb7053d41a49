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
#
# mpadvisor_static_or_shared links the interface target `lib` to ARCHIVES and what they NEED in an executable whose
# MPADVISOR_STATIC_DEPS property is ON, and to the SHARED targets otherwise (always, when an
# archive is missing on this system).
function(mpadvisor_static_or_shared lib)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "ARCHIVES;NEEDS;SHARED")
  foreach(archive IN LISTS arg_ARCHIVES)
    if(NOT archive)
      target_link_libraries(${lib} INTERFACE ${arg_SHARED})
      return()
    endif()
  endforeach()
  set(static "$<BOOL:$<TARGET_PROPERTY:MPADVISOR_STATIC_DEPS>>")
  set(items)
  foreach(item IN LISTS arg_ARCHIVES arg_NEEDS)
    list(APPEND items "$<${static}:${item}>")
  endforeach()
  foreach(item IN LISTS arg_SHARED)
    list(APPEND items "$<$<NOT:${static}>:${item}>")
  endforeach()
  target_link_libraries(${lib} INTERFACE ${items})
endfunction()

find_library(MPADVISOR_ICU_I18N_ARCHIVE NAMES libicui18n.a)  # libicu-dev ships them
find_library(MPADVISOR_ICU_UC_ARCHIVE NAMES libicuuc.a)
find_library(MPADVISOR_ICU_DATA_ARCHIVE NAMES libicudata.a)
add_library(mpadvisor_icu INTERFACE)
add_library(mpadvisor::icu ALIAS mpadvisor_icu)
target_include_directories(mpadvisor_icu SYSTEM INTERFACE ${ICU_INCLUDE_DIRS})
mpadvisor_static_or_shared(mpadvisor_icu
  ARCHIVES ${MPADVISOR_ICU_I18N_ARCHIVE} ${MPADVISOR_ICU_UC_ARCHIVE} ${MPADVISOR_ICU_DATA_ARCHIVE}
  NEEDS Threads::Threads ${CMAKE_DL_LIBS}
  SHARED ICU::i18n ICU::uc)

find_library(MPADVISOR_SQLITE_ARCHIVE NAMES libsqlite3.a)  # libsqlite3-dev ships it, with FTS5
add_library(mpadvisor_sqlite INTERFACE)
add_library(mpadvisor::sqlite ALIAS mpadvisor_sqlite)
target_include_directories(mpadvisor_sqlite SYSTEM INTERFACE ${SQLite3_INCLUDE_DIRS})
mpadvisor_static_or_shared(mpadvisor_sqlite
  ARCHIVES ${MPADVISOR_SQLITE_ARCHIVE}
  NEEDS Threads::Threads ${CMAKE_DL_LIBS} m
  SHARED SQLite::SQLite3)
if(MPADVISOR_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(MPADVISOR_BUILD_BENCH)
  find_package(benchmark REQUIRED)
endif()

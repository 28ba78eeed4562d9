# The newsroom's browser side, next to the binary in build/admin/static/:
#   admin.css, admin.js   copied from admin/static/
#   editor.js             bundled from web/editor/ by esbuild (node web/build.mjs OUTDIR),
#   editor-licenses.txt   with the licences of what the bundle contains.
# Included from the top CMakeLists.txt: include(cmake/admin_static.cmake).
# Target jarida_admin_static is part of ALL. Needs node (18 or newer) and npm;
# `npm ci` runs first when node_modules lacks esbuild or TipTap.
#
# The same file is also the build step itself, run in script mode:
#   cmake -DJARIDA_SRC=... -DJARIDA_OUT=... -DJARIDA_NODE=... -DJARIDA_NPM=... -P admin_static.cmake

if(CMAKE_SCRIPT_MODE_FILE)
  if(NOT EXISTS "${JARIDA_SRC}/node_modules/esbuild/package.json"
     OR NOT EXISTS "${JARIDA_SRC}/node_modules/@tiptap/core/package.json")
    message(STATUS "node_modules lacks esbuild or TipTap: running npm ci in ${JARIDA_SRC}")
    execute_process(
      COMMAND "${JARIDA_NPM}" ci --no-audit --no-fund --loglevel=error
      WORKING_DIRECTORY "${JARIDA_SRC}"
      RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "npm ci failed (${rc}) in ${JARIDA_SRC}")
    endif()
  endif()
  execute_process(
    COMMAND "${JARIDA_NODE}" "${JARIDA_SRC}/web/build.mjs" "${JARIDA_OUT}"
    WORKING_DIRECTORY "${JARIDA_SRC}"
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "node web/build.mjs failed (${rc})")
  endif()
  return()
endif()

find_program(JARIDA_NODE NAMES node nodejs REQUIRED)
find_program(JARIDA_NPM NAMES npm REQUIRED)

set(admin_static_out ${PROJECT_BINARY_DIR}/admin/static)
file(GLOB_RECURSE admin_static_files CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/admin/static/*)
file(GLOB_RECURSE admin_editor_sources CONFIGURE_DEPENDS
  ${PROJECT_SOURCE_DIR}/web/editor/*.js ${PROJECT_SOURCE_DIR}/web/editor/*.mjs)

add_custom_command(
  OUTPUT ${PROJECT_BINARY_DIR}/admin/.static.stamp
  COMMAND ${CMAKE_COMMAND} -E copy_directory ${PROJECT_SOURCE_DIR}/admin/static ${admin_static_out}
  COMMAND ${CMAKE_COMMAND} -E touch ${PROJECT_BINARY_DIR}/admin/.static.stamp
  DEPENDS ${admin_static_files}
  COMMENT "Copying the newsroom's static files")

add_custom_command(
  OUTPUT ${admin_static_out}/editor.js
  BYPRODUCTS ${admin_static_out}/editor-licenses.txt
  COMMAND ${CMAKE_COMMAND}
    -DJARIDA_SRC=${PROJECT_SOURCE_DIR}
    -DJARIDA_OUT=${admin_static_out}
    -DJARIDA_NODE=${JARIDA_NODE}
    -DJARIDA_NPM=${JARIDA_NPM}
    -P ${CMAKE_CURRENT_LIST_DIR}/admin_static.cmake
  DEPENDS
    ${admin_editor_sources}
    ${PROJECT_SOURCE_DIR}/web/build.mjs
    ${PROJECT_SOURCE_DIR}/web/package.json
    ${PROJECT_SOURCE_DIR}/package.json
    ${PROJECT_SOURCE_DIR}/package-lock.json
    ${CMAKE_CURRENT_LIST_DIR}/admin_static.cmake
  WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
  COMMENT "Bundling the newsroom editor (esbuild)"
  VERBATIM)

add_custom_target(jarida_admin_static ALL
  DEPENDS ${PROJECT_BINARY_DIR}/admin/.static.stamp ${admin_static_out}/editor.js)
